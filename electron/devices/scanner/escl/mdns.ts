import { createSocket, type RemoteInfo } from 'node:dgram';

/**
 * Just enough multicast DNS to find eSCL scanners (`_uscan._tcp.local`, RFC 6762/6763): one
 * PTR question sent from an ephemeral port — a "legacy unicast" query, which responders answer
 * straight back to that port — and the PTR/SRV/TXT/A records of the answers. No library:
 * the packet format is small and this keeps the Windows build free of native parts.
 */
export const USCAN_SERVICE = '_uscan._tcp.local';
const TYPE = { A: 1, PTR: 12, TXT: 16, SRV: 33 } as const;

export interface DnsRecord {
  name: string;
  type: number;
  ttl: number;
  /** PTR: target name; SRV: { target, port }; TXT: key/values; A: dotted address. */
  data: string | { target: string; port: number } | Record<string, string>;
}

export interface DiscoveredScanner {
  /** The instance name, e.g. "HP LaserJet MFP M428 [1A2B3C]". */
  instance: string;
  /** http://host:port/eSCL */
  url: string;
  txt: Record<string, string>;
}

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([Buffer.byteLength(p)]), Buffer.from(p)])), Buffer.from([0])]);
}

export function encodeQuery(name: string, type: number = TYPE.PTR): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(1, 4); // one question
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(1, 2); // class IN
  return Buffer.concat([header, encodeName(name), tail]);
}

function readName(buf: Buffer, offset: number, depth = 0): { name: string; next: number } {
  if (depth > 10) throw new Error('DNS name compression loop');
  const labels: string[] = [];
  let at = offset;
  for (;;) {
    if (at >= buf.length) throw new Error('DNS name runs past the packet');
    const len = buf[at]!;
    if (len === 0) return { name: labels.join('.'), next: at + 1 };
    if ((len & 0xc0) === 0xc0) {
      const pointer = buf.readUInt16BE(at) & 0x3fff;
      const rest = readName(buf, pointer, depth + 1).name;
      return { name: [...labels, rest].filter(Boolean).join('.'), next: at + 2 };
    }
    labels.push(buf.toString('utf8', at + 1, at + 1 + len));
    at += 1 + len;
  }
}

/** Answer, authority and additional records of a DNS message. Throws on a truncated packet. */
export function decodeRecords(buf: Buffer): DnsRecord[] {
  if (buf.length < 12) throw new Error('DNS packet shorter than its header');
  const qd = buf.readUInt16BE(4);
  const rrCount = buf.readUInt16BE(6) + buf.readUInt16BE(8) + buf.readUInt16BE(10);
  let at = 12;
  for (let i = 0; i < qd; i++) at = readName(buf, at).next + 4;
  const out: DnsRecord[] = [];
  for (let i = 0; i < rrCount; i++) {
    const { name, next } = readName(buf, at);
    if (next + 10 > buf.length) throw new Error('DNS record runs past the packet');
    const type = buf.readUInt16BE(next);
    const ttl = buf.readUInt32BE(next + 4);
    const len = buf.readUInt16BE(next + 8);
    const start = next + 10;
    if (start + len > buf.length) throw new Error('DNS record data runs past the packet');
    let data: DnsRecord['data'] = '';
    if (type === TYPE.PTR) data = readName(buf, start).name;
    else if (type === TYPE.SRV) data = { port: buf.readUInt16BE(start + 4), target: readName(buf, start + 6).name };
    else if (type === TYPE.A && len === 4) data = [...buf.subarray(start, start + 4)].join('.');
    else if (type === TYPE.TXT) {
      const kv: Record<string, string> = {};
      for (let p = start; p < start + len;) {
        const l = buf[p]!;
        const s = buf.toString('utf8', p + 1, p + 1 + l);
        const eq = s.indexOf('=');
        if (s) kv[(eq < 0 ? s : s.slice(0, eq)).toLowerCase()] = eq < 0 ? '' : s.slice(eq + 1);
        p += 1 + l;
      }
      data = kv;
    }
    out.push({ name, type, ttl, data });
    at = start + len;
  }
  return out;
}

/** Builds a response packet (the simulator's responder and the tests use it). */
export function encodeResponse(records: DnsRecord[], id = 0): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x8400, 2); // response, authoritative
  header.writeUInt16BE(records.length, 6);
  const body = records.map((r) => {
    let data: Buffer;
    if (r.type === TYPE.PTR) data = encodeName(r.data as string);
    else if (r.type === TYPE.SRV) {
      const srv = r.data as { target: string; port: number };
      const head = Buffer.alloc(6);
      head.writeUInt16BE(srv.port, 4);
      data = Buffer.concat([head, encodeName(srv.target)]);
    } else if (r.type === TYPE.A) data = Buffer.from((r.data as string).split('.').map(Number));
    else
      data = Buffer.concat(
        Object.entries(r.data as Record<string, string>).map(([k, v]) =>
          Buffer.concat([Buffer.from([Buffer.byteLength(`${k}=${v}`)]), Buffer.from(`${k}=${v}`)]),
        ),
      );
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(r.type, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(r.ttl, 4);
    fixed.writeUInt16BE(data.length, 8);
    return Buffer.concat([encodeName(r.name), fixed, data]);
  });
  return Buffer.concat([header, ...body]);
}

/** Pairs PTR -> SRV -> A and TXT into scanner addresses. */
export function scannersFromRecords(records: DnsRecord[], from?: string): DiscoveredScanner[] {
  const out: DiscoveredScanner[] = [];
  for (const ptr of records.filter((r) => r.type === TYPE.PTR && r.name.toLowerCase() === USCAN_SERVICE)) {
    const instance = ptr.data as string;
    const srv = records.find((r) => r.type === TYPE.SRV && r.name === instance)?.data as { target: string; port: number } | undefined;
    if (!srv) continue;
    const txt = (records.find((r) => r.type === TYPE.TXT && r.name === instance)?.data as Record<string, string> | undefined) ?? {};
    const a = records.find((r) => r.type === TYPE.A && r.name === srv.target)?.data as string | undefined;
    const host = a ?? from ?? srv.target;
    const rs = (txt.rs ?? 'eSCL').replace(/^\/+|\/+$/g, '');
    out.push({ instance: instance.replace(/\._uscan\._tcp\.local$/i, ''), url: `http://${host}:${srv.port}/${rs}`, txt });
  }
  return out;
}

export interface BrowseOptions {
  /** Where to send the question: the mDNS group by default; a loopback responder in tests. */
  address?: string;
  port?: number;
  timeoutMs?: number;
}

/** Asks once and collects answers for `timeoutMs`; scanners that answer twice are listed once. */
export function browseEscl(options: BrowseOptions = {}): Promise<DiscoveredScanner[]> {
  const { address = '224.0.0.251', port = 5353, timeoutMs = 1500 } = options;
  return new Promise((resolve) => {
    const found = new Map<string, DiscoveredScanner>();
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    const finish = () => {
      clearTimeout(timer);
      socket.close();
      resolve([...found.values()]);
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('error', finish);
    socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
      try {
        for (const s of scannersFromRecords(decodeRecords(msg), rinfo.address)) found.set(s.url, s);
      } catch {
        // A malformed answer from some other device on the network is ignored.
      }
    });
    socket.bind(0, () => {
      try {
        if (address.startsWith('224.')) socket.setMulticastTTL(255);
      } catch {
        // not fatal: the default TTL works on one subnet
      }
      socket.send(encodeQuery(USCAN_SERVICE), port, address, (err) => {
        if (err) finish();
      });
    });
  });
}

/** A responder for one simulated scanner: answers `_uscan._tcp` PTR questions on a UDP port. */
export async function startEsclResponder(opts: {
  port: number;
  instance: string;
  httpPort: number;
  model: string;
  uuid: string;
}): Promise<{ port: number; close(): void }> {
  const socket = createSocket('udp4');
  const instance = `${opts.instance}.${USCAN_SERVICE}`;
  const target = 'onewindow-escl-sim.local';
  socket.on('message', (msg, rinfo) => {
    try {
      const question = readName(msg, 12).name.toLowerCase();
      if (question !== USCAN_SERVICE) return;
    } catch {
      return;
    }
    const records: DnsRecord[] = [
      { name: USCAN_SERVICE, type: TYPE.PTR, ttl: 120, data: instance },
      { name: instance, type: TYPE.SRV, ttl: 120, data: { target, port: opts.httpPort } },
      {
        name: instance,
        type: TYPE.TXT,
        ttl: 120,
        data: {
          txtvers: '1',
          rs: 'eSCL',
          ty: opts.model,
          uuid: opts.uuid,
          is: 'platen,adf',
          duplex: 'T',
          cs: 'color,grayscale,binary',
          pdl: 'image/jpeg',
        },
      },
      { name: target, type: TYPE.A, ttl: 120, data: '127.0.0.1' },
    ];
    socket.send(encodeResponse(records, msg.readUInt16BE(0)), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(opts.port, '127.0.0.1', () => resolve()));
  return { port: socket.address().port, close: () => socket.close() };
}
