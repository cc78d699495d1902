/**
 * Canonical JSON for signed content: the same value always gives the same bytes, whatever the
 * key order it was built with. Follows RFC 8785 (JCS) for the values we sign — objects with
 * keys sorted by UTF-16 code units, no whitespace, strings and numbers as ECMAScript's
 * JSON.stringify writes them — so a verifier in another language can rebuild the bytes.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path || '(根)'}: ${message}`);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      if (!isWellFormed(value)) throw new CanonicalJsonError(path, '含有不成对的代理字符，无法规范化');
      return JSON.stringify(value);
    case 'number':
      // NaN and Infinity have no JSON form; -0 would print as 0 and break a round trip.
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, '数值不是有限数');
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `不能签署 ${typeof value} 类型的值`);
  }
  if (Array.isArray(value)) {
    return '[' + value.map((v, i) => write(v, `${path}[${i}]`)).join(',') + ']';
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(path, '只能签署普通对象');
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  // Default sort compares UTF-16 code units, which is what JCS prescribes.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + write(v, path ? `${path}.${k}` : k)).join(',') + '}';
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}
