import { z } from 'zod';
import { Empty, Ok, method } from './contract-kit';

/** Camera pages arrive base64 in one call: this caps the whole request (about 30 MB of JPEG). */
export const ASSEMBLE_MAX_BASE64_CHARS = 40_000_000;
export const ASSEMBLE_MAX_PAGES = 100;
export const SCAN_MAX_PAGES = 200;

/** One material's pages as a stored PDF blob: what the checklist attaches. */
export const CapturedBlob = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mime: z.literal('application/pdf'),
  pages: z.number().int().positive(),
});
export type CapturedBlob = z.infer<typeof CapturedBlob>;

/** duplex: the feeder, both sides of each sheet. */
export const ScanSource = z.enum(['flatbed', 'feeder', 'duplex']);
export type ScanSource = z.infer<typeof ScanSource>;
export const ScanMode = z.enum(['Color', 'Gray', 'Lineart']);

export const ScannerInfo = z.object({ name: z.string(), vendor: z.string(), model: z.string(), type: z.string() });

export const ScannersView = z.object({
  driver: z.enum(['none', 'sane', 'simulator', 'escl', 'wia']),
  /** The configured device, if IT chose one. */
  configured: z.string().optional(),
  devices: z.array(ScannerInfo),
  defaults: z.object({ resolution: z.number().int(), mode: ScanMode }),
});

export const ScanRequest = z
  .object({
    /** The checklist material the pages belong to: it names the PDF. */
    materialCode: z.string().trim().min(1).max(64),
    source: ScanSource.default('flatbed'),
    resolution: z.number().int().min(75, '分辨率至少75 dpi').max(600, '分辨率最高600 dpi').default(200),
    mode: ScanMode.default('Gray'),
    pages: z.number().int().min(1).max(SCAN_MAX_PAGES, `一次最多扫描${SCAN_MAX_PAGES}页`).default(1),
    /** Continue an earlier scan of the same material (next flatbed page, or the rest after a jam). */
    continueScanId: z
      .string()
      .regex(/^[0-9a-f-]{8,64}$/)
      .optional(),
  })
  .strict();

export const ScanId = z.object({ scanId: z.string().regex(/^[0-9a-f-]{8,64}$/) }).strict();

export const ScanPageRef = z
  .object({
    scanId: z.string().regex(/^[0-9a-f-]{8,64}$/),
    page: z
      .number()
      .int()
      .min(1)
      .max(SCAN_MAX_PAGES * 5),
  })
  .strict();
/** One scanned page as the scanner sent it, for the thumbnail strip. */
export const ScanPageImage = z.object({ mime: z.enum(['image/jpeg', 'image/png']), dataBase64: z.string() });

export const CameraPage = z
  .object({
    mime: z.enum(['image/jpeg', 'image/png']),
    dataBase64: z.base64().min(4),
    /** Clockwise quarter turns applied when the page is placed in the PDF. */
    rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0),
  })
  .strict();

export const AssembleRequest = z
  .object({
    pages: z.array(CameraPage).min(1, '没有可合成的页面，请先拍摄').max(ASSEMBLE_MAX_PAGES, `一份材料最多${ASSEMBLE_MAX_PAGES}页`),
    materialName: z.string().trim().max(80).optional(),
  })
  .strict();

/**
 * Progress of one background scan, pushed as `capture.progress`. A scan ends with exactly one of
 * done / failed / cancelled. After failed or cancelled, `kept` pages can still be assembled with
 * capture.finish.
 */
export const ScanProgress = z.discriminatedUnion('kind', [
  z.object({ scanId: z.string(), kind: z.literal('started'), total: z.number().int() }),
  z.object({
    scanId: z.string(),
    kind: z.literal('page'),
    page: z.number().int(),
    total: z.number().int(),
    /**
     * Empty: the renderer fetches the page with capture.page and scales it itself (the browser
     * decodes JPEG natively; the workstation core runs no image tool, on Windows none exists).
     */
    thumbnail: z.string(),
  }),
  /** The blob covers every page of the scan so far, continued scans included. */
  z.object({ scanId: z.string(), kind: z.literal('done'), blob: CapturedBlob }),
  z.object({ scanId: z.string(), kind: z.literal('failed'), code: z.string(), message: z.string(), kept: z.number().int() }),
  z.object({ scanId: z.string(), kind: z.literal('cancelled'), kept: z.number().int() }),
]);
export type ScanProgress = z.infer<typeof ScanProgress>;

export const captureMethods = {
  'capture.scanners': method({ input: Empty, output: ScannersView, access: 'user', summary: 'list scanners' }),
  'capture.scan': method({
    input: ScanRequest,
    output: z.object({ scanId: z.string() }),
    access: 'user',
    summary: 'start a background scan',
  }),
  'capture.cancelScan': method({ input: ScanId, output: Ok, access: 'user', summary: 'cancel a scan' }),
  'capture.finish': method({
    input: ScanId,
    output: CapturedBlob,
    access: 'user',
    summary: 'assemble the kept pages of an interrupted scan',
  }),
  'capture.page': method({
    input: ScanPageRef,
    output: ScanPageImage,
    access: 'user',
    summary: 'one scanned page image for its thumbnail',
  }),
  'capture.assemble': method({
    input: AssembleRequest,
    output: CapturedBlob,
    access: 'user',
    summary: 'assemble camera pages into one PDF',
  }),
};
