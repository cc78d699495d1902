import bwipjs from 'bwip-js/node';

/**
 * Barcodes as geometry, drawn as vector rectangles in the PDF: crisp at any printer
 * resolution, and an order of magnitude faster than rasterising and deflating a PNG.
 */
export interface LinearBarcode {
  /** Alternating bar and space widths in modules, starting with a bar. */
  widths: number[];
  modules: number;
}

export interface MatrixBarcode {
  /** Row-major dark modules. */
  dark: boolean[];
  size: number;
}

export function code128(value: string): LinearBarcode {
  const [sym] = bwipjs.raw('code128', value, '');
  if (!sym || !('sbs' in sym)) throw new Error('code128 encoding failed');
  return { widths: sym.sbs, modules: sym.sbs.reduce((s, w) => s + w, 0) };
}

/** Medium error correction survives a folded or slightly smudged notice. */
export function qrCode(value: string): MatrixBarcode {
  const [sym] = bwipjs.raw('qrcode', value, 'eclevel=M');
  if (!sym || !('pixs' in sym)) throw new Error('qrcode encoding failed');
  return { dark: sym.pixs.map((p) => p === 1), size: sym.pixx };
}
