import { cameraPagesToPdf } from '../../capture';
import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type CaptureMethods = 'capture.scanners' | 'capture.scan' | 'capture.cancelScan' | 'capture.finish' | 'capture.assemble' | 'capture.page';

type Deps = Pick<CoreServices, 'scans' | 'blobs'>;

export function captureHandlers(ws: Deps): Pick<Handlers, CaptureMethods> {
  return {
    'capture.scanners': () => ws.scans.scanners(),
    'capture.scan': (input) => ({ scanId: ws.scans.start(input) }),
    'capture.cancelScan': (input) => {
      ws.scans.cancel(input.scanId);
      return { ok: true as const };
    },
    'capture.finish': (input) => ws.scans.finish(input.scanId),
    'capture.page': (input) => ws.scans.pageImage(input.scanId, input.page),
    'capture.assemble': async (input) => {
      const pdf = await cameraPagesToPdf(input.pages, input.materialName);
      const ref = ws.blobs.put(pdf, 'application/pdf');
      return { sha256: ref.sha256, size: ref.size, mime: 'application/pdf' as const, pages: input.pages.length };
    },
  };
}
