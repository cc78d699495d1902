/** One way to put a PDF on paper (or, for training, into a folder). */
export type PrinterKind = 'cups' | 'folder' | 'electron' | 'ipp';

export interface PrintOptions {
  /** Shown in the printer queue; journaled with the job. */
  title: string;
  copies?: number;
  /** Called once the printer has accepted the job, with its id (before the job finishes). */
  onQueued?(jobId: string): void;
}

export interface PrintJobResult {
  jobId: string;
  /**
   * `pending` when the job was queued but had not finished within the wait bound; `cancelled`
   * when the printer or an operator cancelled it (nothing printed).
   */
  state: 'completed' | 'pending' | 'failed' | 'cancelled';
  message: string;
}

export interface Printer {
  name: string;
  kind: PrinterKind;
  /** Throws AppError('DEVICE') when the printer is missing, offline or paused. */
  print(pdf: Uint8Array, opts: PrintOptions): Promise<PrintJobResult>;
}

export interface PrinterInfo {
  name: string;
  kind: PrinterKind;
  state: 'idle' | 'printing' | 'stopped' | 'unknown';
  accepting: boolean;
  isDefault: boolean;
  /** The reason CUPS gives for a stopped queue, if any. */
  reason?: string;
}
