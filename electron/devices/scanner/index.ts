export * from './scanner';
export { SaneScanner, type SaneScannerOptions } from './sane-scanner';
export { SimulatedScanner, type SimulatedScannerOptions } from './simulated-scanner';
export { listSaneDevices, parseDeviceList } from './sane-devices';
export { pagesToPdf } from './pages-to-pdf';
export { EsclScanner, type EsclScannerOptions } from './escl/escl-scanner';
export { EsclSimulator, type EsclSimulatorOptions } from './escl/simulator';
export { browseEscl, startEsclResponder, type DiscoveredScanner } from './escl/mdns';
