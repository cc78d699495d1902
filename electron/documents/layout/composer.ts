import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { cachingFontkit, embedSongFont } from '../font';
import { noteMissing, renderNotes } from '../render-context';
import { wrapParagraphs, wrapText } from './wrap';

/** A4 in points. */
export const A4: readonly [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;

/**
 * Margins follow the proportions of GB/T 9704 party and government documents (wide binding
 * margin on the left), slightly tightened because notices carry tables.
 */
export const MARGIN = { top: 25 * MM, bottom: 22 * MM, left: 26 * MM, right: 24 * MM } as const;
const FOOTER_Y = 11 * MM;

export const SIZE = { title: 22, subtitle: 14, body: 12, table: 10.5, small: 9 } as const;
const LEADING = 1.55;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.45, 0.45, 0.45);
const RULE = rgb(0.2, 0.2, 0.2);

/** Code points of the shipped face; the same font file for every document, so computed once. */
let charsetCache: Set<number> | undefined;

/** Printed where no face holds a character: visible, and the clerk fills it in by hand. */
export const MARKED_BLANK = '□';

/** Characters the Song face lacks but which have an accepted plain spelling. */
const SUBSTITUTES: Record<string, string> = {
  '㎡': '平方米',
  '㎥': '立方米',
  '²': '2',
  '³': '3',
  '\u00a0': ' ',
  '\u2009': ' ',
  '•': '·',
  '–': '-',
  '‐': '-',
  '\t': ' ',
  '\r': '',
};

export interface TableColumn {
  header: string;
  /** Share of the text width; shares are normalised. */
  share: number;
  align?: 'left' | 'center';
}

export interface GridCell {
  text: string;
  share: number;
  /** Labels are centred; values start at the left. */
  label?: boolean;
}

export interface ComposerInfo {
  title: string;
  /** Printed in every footer so a loose page can be matched to its case. */
  caseNumber: string;
  subject?: string;
}

export interface ComposerOptions {
  /** Page size in points; permits use a landscape sheet. */
  pageSize?: readonly [number, number];
}

/**
 * Flows text, tables and blocks down A4 pages, breaking pages where needed, and numbers the
 * pages at the end (the total is only known then). Templates describe content; only this file
 * knows coordinates.
 */
export class Composer {
  readonly width: number;
  readonly height: number;
  readonly left = MARGIN.left;
  readonly right: number;
  readonly textWidth: number;
  private page!: PDFPage;
  private y = 0;
  private readonly widthCache = new Map<string, number>();
  private readonly charset: Set<number>;

  private constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    private readonly info: ComposerInfo,
    size: readonly [number, number],
    /** Characters the Song face lacks, and the embedded fallback face that draws each. */
    private readonly fallback: Map<string, PDFFont>,
  ) {
    [this.width, this.height] = size;
    this.right = this.width - MARGIN.right;
    this.textWidth = this.right - this.left;
    charsetCache ??= new Set(font.getCharacterSet());
    this.charset = charsetCache;
    this.newPage();
  }

  static async create(info: ComposerInfo, options: ComposerOptions = {}): Promise<Composer> {
    const doc = await PDFDocument.create();
    const font = await embedSongFont(doc);
    // Fallback faces are embedded (as subsets) only when this document's text needs them.
    const notes = renderNotes();
    const fallback = new Map<string, PDFFont>();
    if (notes && notes.faces.length > 0) {
      doc.registerFontkit(cachingFontkit);
      const embedded = new Map(
        await Promise.all(notes.faces.map(async (f) => [f, await doc.embedFont(f.bytes, { subset: true })] as const)),
      );
      for (const [ch, face] of notes.faceOf) fallback.set(ch, embedded.get(face)!);
    }
    return new Composer(doc, font, info, options.pageSize ?? A4, fallback);
  }

  get cursor(): number {
    return this.y;
  }

  get bottom(): number {
    return MARGIN.bottom;
  }

  get currentPage(): PDFPage {
    return this.page;
  }

  newPage(): void {
    this.page = this.doc.addPage([this.width, this.height]);
    this.y = this.height - MARGIN.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  keep(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  space(height: number): void {
    this.y -= height;
  }

  moveTo(y: number): void {
    this.y = y;
  }

  /**
   * Replaces characters the faces lack by their plain spelling; a character no face holds
   * prints as a marked blank (□) and is noted, so the clerk is warned before printing and
   * fills it in by hand. The notice still prints: the applicant never leaves with nothing.
   */
  clean(text: string): string {
    let out = '';
    for (const ch of text) {
      const sub = SUBSTITUTES[ch];
      if (sub !== undefined) {
        out += sub;
        continue;
      }
      if (ch === '\n' || this.charset.has(ch.codePointAt(0)!) || this.fallback.has(ch)) out += ch;
      else {
        noteMissing(ch);
        out += MARKED_BLANK;
      }
    }
    return out;
  }

  private fontOf(ch: string): PDFFont {
    return this.fallback.get(ch) ?? this.font;
  }

  /** Consecutive characters drawn by the same face. */
  private runs(text: string): { text: string; font: PDFFont }[] {
    const out: { text: string; font: PDFFont }[] = [];
    for (const ch of text) {
      const font = this.fontOf(ch);
      const last = out.at(-1);
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
    return out;
  }

  /**
   * Sum of per-character advances: the Song face has no kerning, and asking fontkit to lay out
   * every candidate line while wrapping dominated render time.
   */
  measure(text: string, size: number): number {
    let units = 0;
    for (const ch of text) {
      let w = this.widthCache.get(ch);
      if (w === undefined) {
        w = this.fontOf(ch).widthOfTextAtSize(ch, 1000);
        this.widthCache.set(ch, w);
      }
      units += w;
    }
    return (units * size) / 1000;
  }

  wrap(text: string, size: number, width: number): string[] {
    return wrapText(this.clean(text), width, (t) => this.measure(t, size));
  }

  lineHeight(size: number): number {
    return size * LEADING;
  }

  /** Draws one line at an absolute position; `bold` overprints with a small offset (the face has no bold). */
  drawLine(text: string, x: number, baseline: number, size: number, opts: { bold?: boolean; grey?: boolean; page?: PDFPage } = {}): void {
    const page = opts.page ?? this.page;
    const color = opts.grey ? GREY : INK;
    let runX = x;
    for (const run of this.runs(this.clean(text))) {
      page.drawText(run.text, { x: runX, y: baseline, size, font: run.font, color });
      if (opts.bold) page.drawText(run.text, { x: runX + size * 0.03, y: baseline, size, font: run.font, color });
      runX += this.measure(run.text, size);
    }
  }

  /** The title with wide letter spacing when short, as official notices are set. */
  title(text: string, size: number = SIZE.title): void {
    const clean = this.clean(text);
    const chars = [...clean];
    const tracking = chars.length <= 6 ? size * 0.5 : chars.length <= 10 ? size * 0.15 : 0;
    const width = this.measure(clean, size) + tracking * (chars.length - 1);
    const lines = width > this.textWidth ? this.wrap(clean, size, this.textWidth) : [clean];
    for (const line of lines) {
      this.keep(size * 1.4);
      this.y -= size;
      const lineChars = [...line];
      const w = lines.length > 1 ? this.measure(line, size) : width;
      let x = this.left + (this.textWidth - w) / 2;
      for (const ch of lineChars) {
        this.drawLine(ch, x, this.y, size, { bold: true });
        x += this.measure(ch, size) + (lines.length > 1 ? 0 : tracking);
      }
      this.y -= size * 0.4;
    }
  }

  /** A paragraph, wrapped, with a two-character first-line indent by default. */
  paragraph(
    text: string,
    opts: {
      size?: number;
      indent?: number;
      align?: 'left' | 'center' | 'right';
      grey?: boolean;
      bold?: boolean;
      x?: number;
      width?: number;
    } = {},
  ): void {
    const size = opts.size ?? SIZE.body;
    const indentChars = opts.indent ?? 2;
    const x0 = opts.x ?? this.left;
    const width = opts.width ?? this.right - x0;
    const indent = indentChars * size;
    const lines = wrapParagraphs(this.clean(text), width, (t) => this.measure(t, size), indent).map((l) => ({
      text: l.text,
      indent: l.first ? indent : 0,
    }));
    const lh = this.lineHeight(size);
    for (const line of lines) {
      this.keep(lh);
      this.y -= lh;
      const w = this.measure(line.text, size);
      const x = opts.align === 'center' ? x0 + (width - w) / 2 : opts.align === 'right' ? x0 + width - w : x0 + line.indent;
      this.drawLine(line.text, x, this.y + (lh - size) / 2, size, { grey: opts.grey, bold: opts.bold });
    }
  }

  /** Label-value pairs in two aligned columns, values wrapped under themselves. */
  fields(rows: readonly (readonly [string, string])[], opts: { size?: number; labelChars?: number } = {}): void {
    const size = opts.size ?? SIZE.body;
    const labelWidth = (opts.labelChars ?? Math.max(...rows.map(([l]) => [...l].length))) * size + size;
    const lh = this.lineHeight(size);
    for (const [label, value] of rows) {
      const lines = this.wrap(value || '—', size, this.textWidth - labelWidth);
      this.keep(lh * Math.min(lines.length, 3));
      this.drawLine(label + '：', this.left, this.y - lh + (lh - size) / 2, size);
      for (const line of lines) {
        this.keep(lh);
        this.y -= lh;
        this.drawLine(line, this.left + labelWidth, this.y + (lh - size) / 2, size);
      }
    }
  }

  /**
   * A ruled table whose cells wrap; a row never splits across pages and the header row is
   * repeated on every page the table continues on.
   */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], opts: { size?: number } = {}): void {
    const size = opts.size ?? SIZE.table;
    const lh = size * 1.4;
    const padX = 4;
    const padY = 3;
    const total = columns.reduce((s, c) => s + c.share, 0);
    const widths = columns.map((c) => (c.share / total) * this.textWidth);
    const layoutRow = (cells: readonly string[]) => {
      const wrapped = columns.map((_, i) => this.wrap(cells[i] ?? '', size, widths[i]! - 2 * padX));
      const height = Math.max(...wrapped.map((w) => w.length)) * lh + 2 * padY;
      return { wrapped, height };
    };
    const header = layoutRow(columns.map((c) => c.header));
    const drawRow = (row: { wrapped: string[][]; height: number }, bold: boolean) => {
      const top = this.y;
      let x = this.left;
      for (let i = 0; i < columns.length; i++) {
        const w = widths[i]!;
        const center = bold || columns[i]!.align === 'center';
        const lines = row.wrapped[i]!;
        // Cells are vertically centred so short cells sit level with tall neighbours.
        let baseline = top - (row.height - lines.length * lh) / 2 - lh + (lh - size) / 2 + size * 0.12;
        for (const line of lines) {
          const lw = this.measure(line, size);
          this.drawLine(line, center ? x + (w - lw) / 2 : x + padX, baseline, size, { bold });
          baseline -= lh;
        }
        this.page.drawRectangle({ x, y: top - row.height, width: w, height: row.height, borderColor: RULE, borderWidth: 0.6 });
        x += w;
      }
      this.y -= row.height;
    };
    this.keep(header.height + lh * 2 + 2 * padY);
    drawRow(header, true);
    for (const cells of rows) {
      const row = layoutRow(cells);
      if (this.y - row.height < MARGIN.bottom) {
        this.newPage();
        drawRow(header, true);
      }
      drawRow(row, false);
    }
  }

  /**
   * A form grid: each row has its own cells (label, value, label, value ...) whose shares sum
   * per row. Rows never split across pages.
   */
  grid(rows: readonly (readonly GridCell[])[], opts: { size?: number; minRowHeight?: number } = {}): void {
    const size = opts.size ?? SIZE.body;
    const lh = size * 1.45;
    const padX = 6;
    const padY = 4;
    for (const cells of rows) {
      const total = cells.reduce((s, cell) => s + cell.share, 0);
      const widths = cells.map((cell) => (cell.share / total) * this.textWidth);
      const wrapped = cells.map((cell, i) => this.wrap(cell.text, size, widths[i]! - 2 * padX));
      const height = Math.max(opts.minRowHeight ?? 0, Math.max(...wrapped.map((w) => w.length)) * lh + 2 * padY);
      this.keep(height);
      const top = this.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        const w = widths[i]!;
        const lines = wrapped[i]!;
        let baseline = top - (height - lines.length * lh) / 2 - lh + (lh - size) / 2 + size * 0.12;
        for (const line of lines) {
          const lw = this.measure(line, size);
          this.drawLine(line, cell.label ? x + (w - lw) / 2 : x + padX, baseline, size);
          baseline -= lh;
        }
        this.page.drawRectangle({ x, y: top - height, width: w, height, borderColor: RULE, borderWidth: 0.8 });
        x += w;
      });
      this.y -= height;
    }
  }

  image(image: PDFImage, x: number, topY: number, width: number, height: number): void {
    this.page.drawImage(image, { x, y: topY - height, width, height });
  }

  hRule(y: number, thickness = 0.8, x0 = this.left, x1 = this.right): void {
    this.page.drawLine({ start: { x: x0, y }, end: { x: x1, y }, thickness, color: RULE });
  }

  /** Page numbers and the case number on every page, then the finished bytes. */
  async finish(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = `第 ${i + 1} 页 共 ${pages.length} 页`;
      const w = this.measure(label, SIZE.small);
      this.drawLine(label, (this.width - w) / 2, FOOTER_Y, SIZE.small, { page });
      this.drawLine('办件编号：' + this.info.caseNumber, this.left, FOOTER_Y, SIZE.small, { page, grey: true });
    });
    this.doc.setTitle(this.info.title);
    if (this.info.subject) this.doc.setSubject(this.info.subject);
    this.doc.setCreator('OneWindow 一窗通');
    this.doc.setProducer('OneWindow 一窗通 (pdf-lib)');
    this.doc.setLanguage('zh-CN');
    // pdf-lib yields to the event loop every 50 objects by default, which made saving mostly idle time.
    return this.doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
  }
}
