import { Agent, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { MAX_CHUNK_BYTES } from '../../electron/sync/wire';
import type { FaultDecision } from './faults';

/** The HTTP legs of the test platform: reading a request (or cutting it) and passing it on to the hall. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Headers that belong to one connection, not to the message. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'date', 'proxy-connection', 'upgrade']);

export function messageHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (HOP.has(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export class HallLeg {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });

  constructor(private readonly hallPort: number) {}

  /** Sends the request to the hall and reads its whole answer. */
  send(method: string, path: string, headers: Record<string, string>, body: Uint8Array): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.hallPort,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, 'content-length': String(body.byteLength) },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: messageHeaders(res.headers), body: new Uint8Array(Buffer.concat(parts)) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A long-lived answer (the push stream) passed through as it comes. */
  stream(method: string, path: string, headers: Record<string, string>, onResponse: (res: IncomingMessage) => void): () => void {
    const req = request({ host: '127.0.0.1', port: this.hallPort, method, path, agent: false, headers }, onResponse);
    req.on('error', () => undefined);
    req.end();
    return () => req.destroy();
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Reads the whole body, or, for a 'cut' fault, part of it before closing the connection. */
export function readBody(req: IncomingMessage, fault: FaultDecision | null, onBytes: (n: number) => void): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length'] ?? '0');
  const limit = MAX_CHUNK_BYTES + 1024 * 1024;
  const cutAt = fault?.kind === 'cut' ? (fault.cutAfterBytes ?? Math.floor(declared * fault.cutShare)) : Infinity;
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let received = 0;
    let settled = false;
    const stop = (): void => {
      settled = true;
      req.socket.destroy();
      resolve(null);
    };
    if (declared > limit) return stop();
    if (cutAt <= 0) return stop();
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = Math.min(cutAt, limit) - received;
      const take = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      received += take.byteLength;
      onBytes(take.byteLength);
      parts.push(take);
      if (received >= cutAt || received >= limit) stop();
    });
    req.on('end', () => {
      if (!settled) {
        settled = true;
        resolve(new Uint8Array(Buffer.concat(parts)));
      }
    });
    req.on('error', (err) => {
      if (!settled) {
        settled = true;
        reject(err);
      }
    });
  });
}
