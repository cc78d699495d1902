/**
 * Line breaking for Chinese official text: any CJK character may end a line, but closing
 * punctuation must not start one and opening punctuation must not end one (the usual 禁则).
 * Runs of Latin letters and digits (project codes, phone numbers) stay whole when they fit.
 */
export type MeasureText = (text: string) => number;

const NO_LINE_START = new Set('，。、；：？！）》」』”’〕】…—·%,.;:?!)]}'.split(''));
const NO_LINE_END = new Set('（《「『“‘〔【([{'.split(''));
const LATIN_RUN = /[A-Za-z0-9@._\-/#+:]/;

function units(text: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const ch of text) {
    if (LATIN_RUN.test(ch)) {
      run += ch;
      continue;
    }
    if (run) {
      out.push(run);
      run = '';
    }
    out.push(ch);
  }
  if (run) out.push(run);
  return out;
}

/** Splits a unit wider than the line into pieces that fit (a 40-digit number in a narrow cell). */
function splitWide(unit: string, width: number, measure: MeasureText): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of unit) {
    if (piece && measure(piece + ch) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

export interface WrappedLine {
  text: string;
  /** First line of a paragraph (takes the first-line indent). */
  first: boolean;
}

/**
 * Wraps each paragraph (split on newlines); the first line of every paragraph is
 * `firstLineIndent` narrower.
 */
export function wrapParagraphs(text: string, width: number, measure: MeasureText, firstLineIndent = 0): WrappedLine[] {
  const lines: WrappedLine[] = [];
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    let lineWidth = 0;
    let first = true;
    const limit = () => (first ? width - firstLineIndent : width);
    const queue = units(paragraph);
    for (let i = 0; i < queue.length; i++) {
      const unit = queue[i]!;
      const w = measure(unit);
      if (lineWidth + w <= limit() || line.length === 0) {
        if (w > limit() && line.length === 0 && unit.length > 1) {
          queue.splice(i, 1, ...splitWide(unit, limit(), measure));
          i--;
          continue;
        }
        line.push(unit);
        lineWidth += w;
        continue;
      }
      // Hanging punctuation: a closing mark may overhang the right margin by one character
      // rather than start the next line.
      if (NO_LINE_START.has(unit) && w <= measure('。')) {
        line.push(unit);
        lineWidth += w;
        continue;
      }
      const carried: string[] = [];
      while (line.length > 1 && NO_LINE_END.has(line[line.length - 1]!)) carried.unshift(line.pop()!);
      if (line[0] === ' ') line.shift();
      lines.push({ text: line.join('').trimEnd(), first });
      first = false;
      line = [...carried];
      lineWidth = carried.reduce((s, u) => s + measure(u), 0);
      if (unit === ' ' && line.length === 0) continue;
      i--;
    }
    lines.push({ text: line.join('').trimEnd(), first });
  }
  return lines;
}

export function wrapText(text: string, width: number, measure: MeasureText): string[] {
  return wrapParagraphs(text, width, measure).map((l) => l.text);
}
