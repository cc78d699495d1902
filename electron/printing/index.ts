export { PrintRunner, roleOf, PRINT_EVENT, REPRINT_EVENT, type PrintInput } from './print-runner';
export { describePrinters, printerFromRef, trainingFolder, type PrinterRole } from './printers-from-settings';
