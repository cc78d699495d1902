/**
 * The IPP/1.1–2.0 message format (RFC 8010) — small enough to write down, so no dependency:
 * a request is version, operation, request id, attribute groups and then the document; a
 * response the same with a status code. Only the value types printers use for job and printer
 * state are decoded; others are kept as bytes.
 */
export const OP = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getPrinterAttributes: 0x000b,
  cupsGetPrinters: 0x4002,
} as const;

export const TAG = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  language: 0x48,
  mimeType: 0x49,
} as const;

export type IppValue = string | number | boolean | Uint8Array;

export interface IppAttribute {
  tag: number;
  name: string;
  values: IppValue[];
}

export interface IppGroup {
  tag: number;
  attributes: Map<string, IppValue[]>;
}

export interface IppResponse {
  version: string;
  status: number;
  requestId: number;
  groups: IppGroup[];
}

export class IppFormatError extends Error {}

function attributeBytes(a: IppAttribute): Buffer[] {
  return a.values.map((v, i) => {
    const name = Buffer.from(i === 0 ? a.name : '');
    let value: Buffer;
    if (a.tag === TAG.integer || a.tag === TAG.enum) {
      value = Buffer.alloc(4);
      value.writeInt32BE(Number(v));
    } else if (a.tag === TAG.boolean) value = Buffer.from([v ? 1 : 0]);
    else value = typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v as Uint8Array);
    const head = Buffer.alloc(3);
    head[0] = a.tag;
    head.writeUInt16BE(name.length, 1);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(value.length);
    return Buffer.concat([head, name, len, value]);
  });
}

export function encodeRequest(
  operation: number,
  requestId: number,
  groups: { tag: number; attributes: IppAttribute[] }[],
  document?: Uint8Array,
): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt8(2, 0); // IPP 2.0
  head.writeUInt8(0, 1);
  head.writeUInt16BE(operation, 2);
  head.writeUInt32BE(requestId, 4);
  const parts: Buffer[] = [head];
  for (const g of groups) {
    parts.push(Buffer.from([g.tag]));
    for (const a of g.attributes) parts.push(...attributeBytes(a));
  }
  parts.push(Buffer.from([TAG.end]));
  if (document) parts.push(Buffer.from(document));
  return Buffer.concat(parts);
}

const TEXT_TAGS = new Set<number>([TAG.text, TAG.name, TAG.keyword, TAG.uri, TAG.charset, TAG.language, TAG.mimeType, 0x46, 0x4a]);

export function decodeResponse(buf: Uint8Array): IppResponse {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 9) throw new IppFormatError('IPP response shorter than its header');
  const res: IppResponse = { version: `${b[0]}.${b[1]}`, status: b.readUInt16BE(2), requestId: b.readUInt32BE(4), groups: [] };
  let at = 8;
  let group: IppGroup | undefined;
  let last: IppValue[] | undefined;
  while (at < b.length) {
    const tag = b[at]!;
    at++;
    if (tag === TAG.end) return res;
    if (tag < 0x10) {
      group = { tag, attributes: new Map() };
      res.groups.push(group);
      last = undefined;
      continue;
    }
    if (!group || at + 2 > b.length) throw new IppFormatError('IPP attribute outside a group');
    const nameLen = b.readUInt16BE(at);
    const name = b.toString('utf8', at + 2, at + 2 + nameLen);
    at += 2 + nameLen;
    if (at + 2 > b.length) throw new IppFormatError('IPP attribute truncated');
    const valueLen = b.readUInt16BE(at);
    at += 2;
    if (at + valueLen > b.length) throw new IppFormatError('IPP value truncated');
    const raw = b.subarray(at, at + valueLen);
    at += valueLen;
    let value: IppValue;
    if ((tag === TAG.integer || tag === TAG.enum) && valueLen === 4) value = raw.readInt32BE(0);
    else if (tag === TAG.boolean && valueLen === 1) value = raw[0] === 1;
    else if (TEXT_TAGS.has(tag)) value = raw.toString('utf8');
    else value = new Uint8Array(raw);
    if (name) {
      last = [value];
      group.attributes.set(name, last);
    } else if (last) last.push(value);
  }
  throw new IppFormatError('IPP response without end-of-attributes');
}

/** The first value of an attribute in the first group of that kind. */
export function attr(res: IppResponse, groupTag: number, name: string): IppValue | undefined {
  return res.groups.find((g) => g.tag === groupTag && g.attributes.has(name))?.attributes.get(name)?.[0];
}

export function attrs(res: IppResponse, groupTag: number, name: string): IppValue[] {
  return res.groups.find((g) => g.tag === groupTag && g.attributes.has(name))?.attributes.get(name) ?? [];
}
