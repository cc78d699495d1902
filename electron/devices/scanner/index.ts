export * from './scanner';
export { SaneScanner, type SaneScannerOptions } from './sane-scanner';
export { SimulatedScanner, type SimulatedScannerOptions } from './simulated-scanner';
export { listSaneDevices, parseDeviceList } from './sane-devices';
export { pagesToPdf } from './pages-to-pdf';
