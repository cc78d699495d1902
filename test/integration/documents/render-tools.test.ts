import { describe, expect, it, vi } from 'vitest';
import { renderDocument, sampleData, templates, TEMPLATE_NAMES, type TemplateName } from '../../../electron/documents';
import { MARGIN } from '../../../electron/documents/layout/composer';
import { LONG_ADDRESS, LONG_PROJECT_NAME, longestData } from '../../fixtures/documents/longest';
import { decodeBarcodes, mutoolDraw, pdfText, pdfWords, withTempDir, writePdf, type Word } from '../../fixtures/documents/pdf-tools';

// The word-overlap check is quadratic in the words of a long document; the machine is shared.
vi.setConfig({ testTimeout: 180_000 });

/** What each template must show in words, beyond its title. */
const KEY_TEXT: Record<TemplateName, string[]> = {
  'acceptance-notice': ['决定予以受理', '已收取的申请材料', '建设资金已经落实承诺书'],
  'correction-notice': ['一次性告知', '施工图设计文件审查合格书', '补正'],
  'rejection-notice': ['决定不予受理', '申请行政复议'],
  'deficiency-notice': ['容缺受理承诺书', '工程质量安全监督手续', '承诺人'],
  'material-receipt': ['材料接收凭证', '递交人签字', '共计6项材料'],
  'approval-decision': ['决定准予行政许可', '签发人', '1.2.156.10197.1.501'],
  'construction-permit': ['建筑工程施工许可证', '总监理工程师', '330106202509260101'],
  'denial-decision': ['决定不予行政许可', '理由如下', '第三十八条第二款', '申请行政复议', '签发人', '1.2.156.10197.1.501'],
  licence: ['建设工程规划许可证', '持证单位', '建设地点', '签发人'],
};

/** Notices of a visit carry one Code 128 per item case besides the band's (zbarimg reports a repeated value once). */
function expectedCode128(data: { ref: { caseNumber: string }; items?: { caseNumber: string }[] }): string[] {
  return [...new Set([data.ref.caseNumber, ...(data.items ?? []).map((i) => i.caseNumber)])].sort();
}

const squash = (s: string) => s.replace(/\s+/g, '');

function overlaps(a: Word, b: Word): boolean {
  const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  return w > 1 && h > 1;
}

describe.each(TEMPLATE_NAMES)('%s with sample data', (name) => {
  it('renders a PDF that mutool draws cleanly and pdftotext reads in Chinese', async () => {
    await withTempDir(async (dir) => {
      const file = await writePdf(dir, name + '.pdf', await renderDocument(name, sampleData(name)));
      const { stderr } = await mutoolDraw(file);
      expect(stderr).not.toMatch(/error|font|glyph/i);
      const text = squash(await pdfText(file));
      const title = templates[name].title.split(/[（ /]/)[0]!;
      expect(text).toContain(squash(title));
      for (const t of KEY_TEXT[name]) expect(text).toContain(t);
      expect(text).toMatch(/第1页共\d+页/);
    });
  });

  it('carries the case number as Code 128 and the verification reference as QR', async () => {
    const data = sampleData(name) as { ref: { caseNumber: string; verificationRef: string }; items?: { caseNumber: string }[] };
    await withTempDir(async (dir) => {
      const file = await writePdf(dir, name + '.pdf', await renderDocument(name, data));
      const codes = await decodeBarcodes(file);
      expect([...codes.code128].sort()).toEqual(expectedCode128(data));
      expect(codes.qr).toEqual([data.ref.verificationRef]);
    });
  });
});

describe.each(TEMPLATE_NAMES)('%s with the longest values allowed', (name) => {
  it('keeps every word inside the margins, with no overlaps and nothing lost', async () => {
    await withTempDir(async (dir) => {
      const file = await writePdf(dir, name + '.pdf', await renderDocument(name, longestData(name)));
      const { stderr } = await mutoolDraw(file);
      expect(stderr).not.toMatch(/error|font|glyph/i);
      const words = await pdfWords(file);
      expect(words.length).toBeGreaterThan(20);
      // A closing punctuation mark may hang one character into the right margin.
      const hang = 13;
      for (const w of words) {
        expect(w.xMin, `${w.text} starts left of the margin`).toBeGreaterThanOrEqual(MARGIN.left - 1);
        expect(w.xMax, `${w.text} runs into the right margin`).toBeLessThanOrEqual(w.pageWidth - MARGIN.right + hang);
        expect(w.yMin, `${w.text} above the page`).toBeGreaterThan(0);
        expect(w.yMax, `${w.text} below the page`).toBeLessThan(w.pageHeight);
      }
      for (let i = 0; i < words.length; i++)
        for (let j = i + 1; j < words.length; j++) {
          const a = words[i]!;
          const b = words[j]!;
          // The title and table headers are overprinted for weight: same text, same place.
          if (a.page !== b.page || a.text === b.text) continue;
          expect(overlaps(a, b), `"${a.text}" overlaps "${b.text}" on page ${a.page}`).toBe(false);
        }
      const text = squash(await pdfText(file));
      if (name !== 'correction-notice' && name !== 'rejection-notice' && name !== 'licence') {
        expect(text).toContain(LONG_PROJECT_NAME);
      }
      if (name === 'acceptance-notice' || name === 'construction-permit' || name === 'material-receipt')
        expect(text).toContain(LONG_ADDRESS);
    });
  });
});

describe('a 30-material list', () => {
  it('breaks across pages and repeats the table header on each', async () => {
    await withTempDir(async (dir) => {
      const data = longestData('acceptance-notice');
      const file = await writePdf(dir, 'a.pdf', await renderDocument('acceptance-notice', data));
      const words = await pdfWords(file);
      const pagesWithHeader = new Set(words.filter((w) => w.text.includes('材料名称')).map((w) => w.page));
      const lastPage = Math.max(...words.map((w) => w.page));
      expect(pagesWithHeader.size).toBeGreaterThanOrEqual(3);
      const text = squash(await pdfText(file));
      for (let i = 1; i <= 30; i++) expect(text).toContain(`（第${String(i).padStart(2, '0')}项）`);
      expect(text).toContain(`第${lastPage}页共${lastPage}页`);
    });
  });
});
