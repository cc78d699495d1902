/**
 * A small, strict XML reader for eSCL documents (a few KB each). It keeps element names without
 * their namespace prefix (`scan:ColorMode` -> `ColorMode`: scanners differ in prefixes, not in
 * meaning) and text content; it rejects anything that is not well formed, so a scanner's broken
 * reply becomes a clear error instead of a half-read setting.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlError(`unknown entity ${m}`);
    return v;
  });
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag =
    /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>/g;
  let at = 0;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const between = source.slice(at, m.index);
    if (between.includes('<')) throw new XmlError(`malformed markup near offset ${at + between.indexOf('<')}`);
    stack[stack.length - 1]!.text += decode(between);
    at = tag.lastIndex;
    if (m[5] !== undefined) {
      stack[stack.length - 1]!.text += m[5];
      continue;
    }
    if (!m[2]) continue; // declaration or comment
    const name = localName(m[2]);
    if (m[1]) {
      const open = stack.pop();
      if (!open || open === root || open.name !== name) throw new XmlError(`unexpected </${m[2]}>`);
      continue;
    }
    const el: XmlElement = { name, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    if (!m[4]) stack.push(el);
  }
  const rest = source.slice(at);
  if (rest.includes('<')) throw new XmlError('malformed markup at the end');
  if (stack.length !== 1) throw new XmlError(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (root.children.length !== 1) throw new XmlError('expected exactly one root element');
  return root.children[0]!;
}

/** The first descendant with this name (depth first), or undefined. */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const hit = find(c, name);
    if (hit) return hit;
  }
  return undefined;
}

/** Every descendant with this name, in document order. */
export function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}

export const textOf = (el: XmlElement | undefined, name: string): string | undefined => {
  const hit = el && find(el, name);
  return hit ? hit.text.trim() : undefined;
};

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
