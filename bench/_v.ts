import { writeFileSync } from 'node:fs';
import { textPage, stampedPage, photoPage, scannerJpeg } from './scan-pages';
import { classifyPage, encodeScannedPage } from '../electron/capture/encoding';
let t = performance.now();
const pages = { text: await textPage(), stamped: await stampedPage(), photo: photoPage() };
console.log('gen ms', performance.now() - t);
for (const [k, r] of Object.entries(pages)) {
  const j = scannerJpeg(r);
  writeFileSync(`/tmp/g4/fx-${k}.jpg`, j);
  t = performance.now();
  const c = classifyPage(r, 200);
  const cms = performance.now() - t;
  t = performance.now();
  const e = encodeScannedPage({ format: 'jpeg', bytes: j, dpi: 200 });
  console.log(k, r.width, r.height, 'jpeg KB', (j.length / 1024).toFixed(1), JSON.stringify(c), 'cls ms', cms.toFixed(0), 'enc', e.content, e.page.kind, ((e.page.kind === 'ccitt-g4' ? e.page.data.length : e.page.bytes.length) / 1024).toFixed(1), 'ms', (performance.now() - t).toFixed(0));
}
