import { rgb } from 'pdf-lib';
import { code128, qrCode } from '../barcodes';
import { chineseDate } from '../format';
import { documentWording, fill } from '../wording';
import type { Applicant, Counter, Deficiency, DocumentRef, ItemCase, ReceivedMaterial, Remedies } from '../types';
import { SIZE, type Composer } from './composer';

/**
 * Pieces every notice shares. Kept together so the notices look like one family: the same
 * barcode band, number line, tables and seal area in the same places.
 */

const BAND_HEIGHT = 62;
const INK = rgb(0, 0, 0);

/**
 * Code 128 of the case number (left) and the verification QR code (right), above the title.
 * The clerk's wedge scanner reads the Code 128 to open the case; the applicant's phone reads
 * the QR code to check the notice is genuine. Both keep their quiet zones clear: the Code 128
 * starts at the text margin with the page margin as its quiet zone, the QR code has four
 * modules of white around it.
 */
export async function barcodeBand(c: Composer, ref: DocumentRef): Promise<void> {
  const top = c.cursor + 28;
  const page = c.currentPage;
  const bar = code128(ref.caseNumber);
  // At least 0.5 pt (0.18 mm) per module, the practical floor for office laser printers.
  const module = Math.min(0.9, Math.max(0.5, (c.textWidth * 0.5) / bar.modules));
  const barHeight = 30;
  let x = c.left;
  bar.widths.forEach((w, i) => {
    if (i % 2 === 0) page.drawRectangle({ x, y: top - barHeight, width: w * module, height: barHeight, color: INK });
    x += w * module;
  });
  c.drawLine(ref.caseNumber, c.left, top - barHeight - 10, SIZE.small);

  const qr = qrCode(ref.verificationRef);
  const qrSize = 54;
  const cell = qrSize / qr.size;
  const qx = c.right - qrSize;
  const qy = top + 4;
  // Horizontal runs of dark modules become one rectangle each.
  for (let row = 0; row < qr.size; row++) {
    let col = 0;
    while (col < qr.size) {
      if (!qr.dark[row * qr.size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.dark[row * qr.size + col]) col++;
      page.drawRectangle({ x: qx + start * cell, y: qy - (row + 1) * cell, width: (col - start) * cell, height: cell, color: INK });
    }
  }
  const caption = '扫码核验';
  c.drawLine(caption, qx + qrSize / 2 - c.measure(caption, SIZE.small) / 2, qy - qrSize - 11, SIZE.small);
  c.moveTo(top - BAND_HEIGHT);
}

export function documentNumberLine(c: Composer, ref: DocumentRef): void {
  c.space(4);
  c.paragraph(ref.documentNumber, { align: 'center', indent: 0, size: SIZE.body });
  c.space(10);
}

/** The salutation: the applicant's name followed by a full-width colon, flush left. */
export function salutation(c: Composer, applicant: Applicant): void {
  c.paragraph(applicant.name + '：', { indent: 0 });
}

export function applicantFields(c: Composer, applicant: Applicant, extra: readonly (readonly [string, string])[] = []): void {
  const rows: [string, string][] = [['申请人', applicant.name]];
  if (applicant.creditCode) rows.push(['统一社会信用代码', applicant.creditCode]);
  if (applicant.contact) rows.push(['联系人', applicant.contact + (applicant.phone ? '\u3000' + applicant.phone : '')]);
  if (applicant.address) rows.push(['地址', applicant.address]);
  c.fields([...rows, ...extra], { size: SIZE.table });
}

export function itemsTable(c: Composer, items: readonly ItemCase[]): void {
  c.table(
    [
      { header: '序号', share: 30, align: 'center' },
      { header: '申请事项', share: 134 },
      { header: '办件编号', share: 129, align: 'center' },
      { header: '承办部门', share: 76 },
      { header: '承诺时限\n预计办结日期', share: 84, align: 'center' },
    ],
    items.map((it, i) => [
      String(i + 1),
      it.name,
      it.caseNumber,
      it.department,
      `${it.promisedDays}个工作日\n${chineseDate(it.dueDate)}${it.dueEstimated ? '（暂估）' : ''}`,
    ]),
  );
}

export function materialsTable(c: Composer, materials: readonly ReceivedMaterial[]): void {
  c.table(
    [
      { header: '序号', share: 30, align: 'center' },
      { header: '材料名称', share: 170 },
      { header: '材料形式', share: 72, align: 'center' },
      { header: '原件\n（份）', share: 36, align: 'center' },
      { header: '复印件\n（份）', share: 42, align: 'center' },
      { header: '页数', share: 34, align: 'center' },
      { header: '备注', share: 70 },
    ],
    materials.map((m, i) => [
      String(i + 1),
      m.name,
      m.form,
      m.originals === undefined ? '—' : String(m.originals),
      m.copies === undefined ? '—' : String(m.copies),
      m.pages ? String(m.pages) : '—',
      m.note ?? '',
    ]),
  );
}

export function deficiencyTable(c: Composer, deficiencies: readonly Deficiency[]): void {
  c.table(
    [
      { header: '序号', share: 30, align: 'center' },
      { header: '材料名称', share: 130 },
      { header: '存在问题', share: 140 },
      { header: '补正要求（形式、份数）', share: 153 },
    ],
    deficiencies.map((d, i) => [String(i + 1), d.material, d.problem, d.requirement]),
  );
}

export function counterBlock(c: Composer, counter: Counter): void {
  c.space(6);
  c.paragraph(`受理窗口：${counter.window}\u3000\u3000受理人：${counter.clerk}\u3000\u3000咨询电话：${counter.phone}`, {
    indent: 0,
    size: SIZE.table,
  });
}

export function remediesParagraph(c: Composer, remedies: Remedies, documentWord = '本通知书'): void {
  c.paragraph(
    fill(documentWording().remedies, { document: documentWord, reconsiderationBody: remedies.reconsiderationBody, court: remedies.court }),
  );
}

/**
 * One Code 128 per item case of the visit, under the items table: the clerk's wedge scanner
 * opens each case from the one notice. Two per row, each with its number and item name.
 */
export function caseBarcodes(c: Composer, items: readonly ItemCase[]): void {
  const bars = items.map((it) => code128(it.caseNumber));
  // Two per row when every code fits half the width at the 0.5 pt module floor; else one per row.
  const perRow = bars.every((b) => b.modules * 0.5 <= c.textWidth / 2 - 24) ? 2 : 1;
  const colWidth = c.textWidth / perRow;
  const barHeight = 22;
  const rowHeight = barHeight + 26;
  c.space(6);
  for (let i = 0; i < items.length; i += perRow) {
    c.keep(rowHeight);
    const top = c.cursor - 6;
    items.slice(i, i + perRow).forEach((it, j) => {
      const bar = bars[i + j]!;
      const module = Math.min(0.9, Math.max(0.5, (colWidth - 24) / bar.modules));
      let x = c.left + j * colWidth;
      const x0 = x;
      bar.widths.forEach((w, k) => {
        if (k % 2 === 0) c.currentPage.drawRectangle({ x, y: top - barHeight, width: w * module, height: barHeight, color: INK });
        x += w * module;
      });
      const label = c.wrap(`${it.caseNumber}  ${it.name}`, SIZE.small, colWidth - 12)[0] ?? it.caseNumber;
      c.drawLine(label, x0, top - barHeight - 10, SIZE.small);
    });
    c.moveTo(top - rowHeight + 6);
  }
}

/**
 * The issuing body and date at the right, with room above them for the seal: the seal covers
 * the date ("下压成文日期"), so the block is kept on one page with the last text.
 */
export function sealArea(c: Composer, agency: string, issuedOn: string, sealLabel = '（盖章）'): void {
  // Long agency names wrap inside half the text width rather than push the block off the page.
  const maxWidth = c.textWidth * 0.5;
  const agencyLines = c.wrap(agency, SIZE.body, maxWidth);
  const widest = Math.max(...agencyLines.map((l) => c.measure(l, SIZE.body)), c.measure('0000年00月00日', SIZE.body));
  const blockWidth = widest + 16;
  c.keep(78 + agencyLines.length * 20);
  const x = c.right - blockWidth - SIZE.body * 2;
  c.space(24);
  c.drawLine(sealLabel, x + (blockWidth - c.measure(sealLabel, SIZE.small)) / 2, c.cursor, SIZE.small, { grey: true });
  c.space(10);
  for (const line of agencyLines) {
    c.space(20);
    c.drawLine(line, x + (blockWidth - c.measure(line, SIZE.body)) / 2, c.cursor, SIZE.body);
  }
  c.space(22);
  const date = chineseDate(issuedOn);
  c.drawLine(date, x + (blockWidth - c.measure(date, SIZE.body)) / 2, c.cursor, SIZE.body);
  c.space(10);
}

/** A line for a handwritten signature with its label. */
export function signatureLine(c: Composer, label: string, x: number, y: number, width = 150): void {
  c.drawLine(label, x, y, SIZE.body);
  const lx = x + c.measure(label, SIZE.body) + 2;
  c.hRule(y - 3, 0.5, lx, lx + width);
}
