export * from './printer';
export { CupsPrinter, type CupsPrinterOptions } from './cups-printer';
export { listCupsQueues, parseLpstat } from './cups-queues';
export { FolderPrinter } from './folder-printer';
export { ElectronPrinter, type ElectronPrintBridge } from './electron-printer';
export { PrintService, type PrintJournalEntry, type PrintRequest, type PrintServiceOptions } from './print-service';
