export * from './printer';
export { CupsPrinter, cupsQueueUri, type CupsPrinterOptions } from './cups-printer';
export { listCupsQueues, parseLpstat } from './cups-queues';
export { FolderPrinter } from './folder-printer';
export { IppPrinter, describeReasons, queueName, type IppPrinterOptions, type IppPrinterState } from './ipp-printer';
export { ElectronPrinter, type ElectronPrintBridge } from './electron-printer';
export { PrintService, type PrintJournalEntry, type PrintRequest, type PrintServiceOptions } from './print-service';
