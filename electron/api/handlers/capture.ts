import { cameraPagesToPdf, scanRunnerFor } from '../../capture';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

type CaptureMethods = 'capture.scanners' | 'capture.scan' | 'capture.cancelScan' | 'capture.finish' | 'capture.assemble' | 'capture.page';

export function captureHandlers(ws: Workstation): Pick<Handlers, CaptureMethods> {
  return {
    'capture.scanners': () => scanRunnerFor(ws).scanners(),
    'capture.scan': (input) => ({ scanId: scanRunnerFor(ws).start(input) }),
    'capture.cancelScan': (input) => {
      scanRunnerFor(ws).cancel(input.scanId);
      return { ok: true as const };
    },
    'capture.finish': (input) => scanRunnerFor(ws).finish(input.scanId),
    'capture.page': (input) => scanRunnerFor(ws).pageImage(input.scanId, input.page),
    'capture.assemble': async (input) => {
      const pdf = await cameraPagesToPdf(input.pages, input.materialName);
      const ref = ws.blobs.put(pdf, 'application/pdf');
      return { sha256: ref.sha256, size: ref.size, mime: 'application/pdf' as const, pages: input.pages.length };
    },
  };
}
