export { ScanRunner } from './scan-runner';
export { cameraPagesToPdf, type CameraPageInput } from './camera-pdf';
export { scannerFromSettings, type ScannerContext } from './scanner-from-settings';
