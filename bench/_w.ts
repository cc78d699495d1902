import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { encodeScannedPage, addEncodedPage } from '../electron/capture/encoding';
const j = readFileSync('/tmp/g4/fx-text.jpg');
const e = encodeScannedPage({ format: 'jpeg', bytes: new Uint8Array(j), dpi: 200 });
const doc = await PDFDocument.create();
await addEncodedPage(doc, e.page);
writeFileSync('/tmp/g4/text-g4.pdf', await doc.save());
