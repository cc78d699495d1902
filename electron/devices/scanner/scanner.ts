import { AppError } from '../../../shared/api/errors';

export type ScanMode = 'Color' | 'Gray' | 'Lineart';
/** SANE's usual source names; drivers vary, so any string the device lists is accepted. */
export type ScanSource = 'Flatbed' | 'Automatic Document Feeder' | (string & {});

export interface ScanSettings {
  /** SANE device name (e.g. `test:0`, `net:host:epson2:libusb:001:004`); default: the first listed. */
  device?: string;
  resolution: number;
  mode: ScanMode;
  source?: ScanSource;
  /** Most pages to take; a feeder stops earlier when it runs empty. Flatbed default 1. */
  pages?: number;
  /** Feeder only: both sides of each sheet (front, back, front, back ...). */
  duplex?: boolean;
  /** Scan area in millimetres; A4 unless told otherwise. */
  areaMm?: { width: number; height: number };
}

export interface ScannedPage {
  /** 1-based, in scanning order. */
  index: number;
  format: 'jpeg' | 'png';
  bytes: Uint8Array;
  dpi: number;
}

export interface ScanBatch {
  pages: ScannedPage[];
  cancelled: boolean;
  /** The feeder ran out of paper: the normal end of a feeder batch without a page count. */
  feederEmpty: boolean;
}

export interface ScannerDevice {
  name: string;
  vendor: string;
  model: string;
  type: string;
}

export interface ScanControl {
  signal?: AbortSignal;
  onPage?(page: ScannedPage): void;
}

export interface Scanner {
  kind: 'sane' | 'simulated' | 'escl' | 'wia';
  list(): Promise<ScannerDevice[]>;
  scan(settings: ScanSettings, control?: ScanControl): Promise<ScanBatch>;
}

export const A4_MM = { width: 210, height: 297 } as const;

/**
 * The scanner failed mid-batch. It is a DEVICE error for the clerk, and it carries the pages
 * already captured so they are not lost: the clerk reconnects and scans only the rest.
 */
export class ScanInterruptedError extends AppError {
  constructor(
    message: string,
    readonly pages: ScannedPage[],
    reason: string,
  ) {
    super('DEVICE', message, [{ path: 'scanner', message: reason }]);
    this.name = 'ScanInterruptedError';
  }
}
