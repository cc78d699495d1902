import { decodeResponse, encodeRequest, TAG, type IppAttribute, type IppResponse } from './codec';

export class IppTransportError extends Error {}

/** ipp://host[:631]/path -> http://host:631/path (IPP is HTTP POST underneath). */
export function httpUrlOf(printerUri: string): string {
  const u = new URL(printerUri);
  if (u.protocol !== 'ipp:' && u.protocol !== 'http:') throw new IppTransportError(`unsupported printer address ${printerUri}`);
  return `http://${u.hostname}:${u.port || '631'}${u.pathname}${u.search}`;
}

let requestIds = 1;

/** One IPP operation on a printer: operation attributes first (charset, language, printer-uri). */
export async function ippCall(
  printerUri: string,
  operation: number,
  attributes: IppAttribute[],
  options: { jobAttributes?: IppAttribute[]; document?: Uint8Array; timeoutMs?: number } = {},
): Promise<IppResponse> {
  const body = encodeRequest(
    operation,
    requestIds++,
    [
      {
        tag: TAG.operation,
        attributes: [
          { tag: TAG.charset, name: 'attributes-charset', values: ['utf-8'] },
          { tag: TAG.language, name: 'attributes-natural-language', values: ['zh-cn'] },
          { tag: TAG.uri, name: 'printer-uri', values: [printerUri] },
          ...attributes,
        ],
      },
      ...(options.jobAttributes?.length ? [{ tag: TAG.job, attributes: options.jobAttributes }] : []),
    ],
    options.document,
  );
  let res: Response;
  try {
    res = await fetch(httpUrlOf(printerUri), {
      method: 'POST',
      headers: { 'Content-Type': 'application/ipp' },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (e) {
    throw new IppTransportError(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e));
  }
  if (res.status !== 200) throw new IppTransportError(`HTTP ${res.status}`);
  return decodeResponse(new Uint8Array(await res.arrayBuffer()));
}

/** IPP status codes below 0x0100 are successes (0x0000 ok, 0x0001/2 ok with substitutions). */
export const ippOk = (status: number) => status < 0x0100;
