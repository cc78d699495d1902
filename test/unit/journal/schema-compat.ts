/**
 * Whether a payload schema (as JSON Schema, from z.toJSONSchema) still reads every payload the
 * old one accepted: fields may be added only as optional, nothing removed or retyped, an enum
 * only widened. The additive-only guard applies it to the committed snapshot.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

function isSchema(v: Json | undefined): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Problems found, each naming the path; empty when `next` reads all that `prev` accepted. */
export function breakingChanges(prev: Json, next: Json, path = '$'): string[] {
  if (!isSchema(prev) || !isSchema(next)) return same(prev, next) ? [] : [`${path}: changed`];
  if (Array.isArray(prev.enum) && Array.isArray(next.enum)) {
    const missing = prev.enum.filter((v) => !(next.enum as Json[]).some((w) => same(v, w)));
    return missing.length > 0 ? [`${path}: enum lost ${JSON.stringify(missing)}`] : [];
  }
  if (!same(prev.type, next.type)) return [`${path}: type ${JSON.stringify(prev.type)} became ${JSON.stringify(next.type)}`];
  const out: string[] = [];
  if (isSchema(prev.properties) || isSchema(next.properties)) {
    const before = isSchema(prev.properties) ? prev.properties : {};
    const after = isSchema(next.properties) ? next.properties : {};
    const requiredBefore = new Set(Array.isArray(prev.required) ? prev.required : []);
    const requiredAfter = Array.isArray(next.required) ? next.required : [];
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push(`${path}.${key}: removed`);
      else out.push(...breakingChanges(before[key]!, after[key]!, `${path}.${key}`));
    }
    for (const key of requiredAfter) {
      if (typeof key === 'string' && !requiredBefore.has(key))
        out.push(`${path}.${key}: ${key in before ? 'became required' : 'added as required'}`);
    }
  }
  if (prev.items !== undefined || next.items !== undefined)
    out.push(...breakingChanges(prev.items ?? null, next.items ?? null, `${path}[]`));
  for (const key of ['additionalProperties', 'propertyNames', 'anyOf', 'pattern', 'const']) {
    if (key in prev || key in next) {
      if (isSchema(prev[key]) && isSchema(next[key])) out.push(...breakingChanges(prev[key], next[key], `${path}<${key}>`));
      else if (!same(prev[key], next[key])) out.push(`${path}: ${key} changed`);
    }
  }
  return out;
}
