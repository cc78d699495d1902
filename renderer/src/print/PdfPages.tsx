import { Spin } from 'antd';
import { GlobalWorkerOptions, PDFWorker, getDocument } from 'pdfjs-dist';
// Vite copies the worker into the bundle and gives its URL: served from the app's own origin,
// so the CSP's script-src 'self' covers it and no browser tab or plug-in is involved.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

GlobalWorkerOptions.workerSrc = workerUrl;

// One worker for the app's lifetime: started once, shared by every preview, never torn down
// mid-load (a document closed while loading is destroyed once it has loaded).
let sharedWorker: PDFWorker | undefined;
function worker(): PDFWorker {
  sharedWorker ??= new PDFWorker();
  return sharedWorker;
}

function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The document exactly as it will print: every page of the PDF drawn by pdf.js on canvases
 * inside the app. The clerk checks names and values here before paper is used.
 */
export function PdfPages({ pdfBase64, width = 780 }: { pdfBase64: string; width?: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ pages: number; drawn: number; error?: string }>({ pages: 0, drawn: 0 });

  useEffect(() => {
    const box = holder.current;
    if (!box) return;
    let cancelled = false;
    // The PDF was made by our own templates; eval stays off so the CSP needs no 'unsafe-eval'.
    const task = getDocument({ data: bytesOf(pdfBase64), worker: worker(), isEvalSupported: false, disableFontFace: false });
    box.replaceChildren();
    setState({ pages: 0, drawn: 0 });
    void (async () => {
      try {
        const pdf = await task.promise;
        if (cancelled) return;
        setState({ pages: pdf.numPages, drawn: 0 });
        for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
          const page = await pdf.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const ratio = window.devicePixelRatio || 1;
          const viewport = page.getViewport({ scale: (width / base.width) * ratio });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.style.width = `${width}px`;
          canvas.className = 'ow-pdf-page';
          canvas.setAttribute('aria-label', `第 ${n} 页`);
          canvas.dataset.page = String(n);
          box.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
          if (!cancelled) setState({ pages: pdf.numPages, drawn: n });
        }
      } catch (e) {
        console.error('pdf preview', e);
        if (!cancelled) setState({ pages: 0, drawn: 0, error: e instanceof Error ? `预览失败：${e.message}` : '预览失败' });
      }
    })();
    return () => {
      cancelled = true;
      void task.promise.then((pdf) => pdf.destroy()).catch(() => undefined);
    };
  }, [pdfBase64, width]);

  const done = state.pages > 0 && state.drawn === state.pages;
  return (
    <div
      className="ow-pdf-preview"
      data-testid="pdf-preview"
      data-pages={state.pages}
      data-drawn={state.drawn}
      data-ready={done ? 'yes' : 'no'}
    >
      {state.error && <div className="ow-pdf-error">{state.error}（仍可打印，打印后请核对纸面）</div>}
      {!done && !state.error && (
        <div style={{ padding: 16, textAlign: 'center' }}>
          <Spin size="small" /> 正在绘制预览…
        </div>
      )}
      <div ref={holder} className="ow-pdf-pages" />
    </div>
  );
}
