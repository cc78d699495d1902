import { describe, expect, it } from 'vitest';
import { wrapParagraphs, wrapText } from '../../../electron/documents/layout/wrap';

// Monospace measure: CJK 2 units, ASCII 1 unit, like the Song face's 1024/512 advances.
const measure = (t: string) => [...t].reduce((s, ch) => s + (ch.charCodeAt(0) < 128 ? 1 : 2), 0);

describe('wrapText', () => {
  it('breaks CJK text anywhere without exceeding the width and loses nothing', () => {
    const text = '根据中华人民共和国行政许可法第三十二条的规定决定予以受理办理时限按工作日计算';
    const lines = wrapText(text, 20, measure);
    expect(lines.join('')).toBe(text);
    for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(20);
    expect(lines.length).toBe(Math.ceil(text.length / 10));
  });

  it('never starts a line with closing punctuation: it hangs at the line end instead', () => {
    const lines = wrapText('一二三四五六七八九十，十一', 20, measure);
    expect(lines[0]).toBe('一二三四五六七八九十，');
    expect(lines[1]).toBe('十一');
  });

  it('never ends a line with opening punctuation: it moves to the next line', () => {
    const lines = wrapText('一二三四五六七八九（十一）', 20, measure);
    expect(lines[0]).toBe('一二三四五六七八九');
    expect(lines[1]).toBe('（十一）');
  });

  it('keeps a project code whole when it fits on the next line, and splits one too long for any line', () => {
    const lines = wrapText('项目代码2025-330106-47-01-123456', 30, measure);
    expect(lines).toEqual(['项目代码', '2025-330106-47-01-123456']);
    const long = wrapText('X'.repeat(45), 20, measure);
    expect(long).toEqual(['X'.repeat(20), 'X'.repeat(20), 'X'.repeat(5)]);
  });

  it('indents the first line of each paragraph', () => {
    const lines = wrapParagraphs('一二三四五六七八九十\n甲乙丙', 10, measure, 4);
    expect(lines.map((l) => [l.text, l.first])).toEqual([
      ['一二三', true],
      ['四五六七八', false],
      ['九十', false],
      ['甲乙丙', true],
    ]);
  });
});
