import { writeFileSync } from 'node:fs';
import { stampedPage, scannerJpeg } from './scan-pages';
import { pagesToPdf } from '../electron/devices/scanner';
import { encodeScannedPage } from '../electron/capture/encoding';
const r = await stampedPage();
const p = { index: 1, format: 'jpeg' as const, bytes: scannerJpeg(r), dpi: 200 };
const e = encodeScannedPage(p);
console.log(e.content, e.page.kind, e.page.kind === 'ccitt-g4' ? [e.page.data.length, e.page.overlay?.jpeg.length, e.page.overlay?.box] : 0);
writeFileSync('/tmp/g4/stamped.pdf', await pagesToPdf([p]));
