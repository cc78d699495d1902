/**
 * The simulated 高拍仪 (training mode): a synthetic page stream drawn on a canvas — a sheet of
 * paper with a title and lines of text on a darker desk, drifting slightly as a hand-held page
 * does — so capture, page-edge crop and the PDF all run as with a real camera, and no real
 * webcam is ever opened.
 */
export const SIMULATED_CAMERA_ID = 'simulated-camera';
export const SIMULATED_CAMERA_LABEL = '模拟高拍仪（培训）';

const WIDTH = 1280;
const HEIGHT = 960;

function drawPage(ctx: CanvasRenderingContext2D, tick: number, sheet: number): void {
  ctx.fillStyle = '#3d4650';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const dx = Math.round(Math.sin(tick / 40) * 6);
  const dy = Math.round(Math.cos(tick / 55) * 4);
  const x = 250 + dx;
  const y = 60 + dy;
  const w = 780;
  const h = 840;
  ctx.fillStyle = '#fbfbf8';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = '#111';
  ctx.font = 'bold 34px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('培训用材料样张', x + w / 2, y + 80);
  ctx.font = '22px sans-serif';
  ctx.fillText(`第 ${sheet} 页`, x + w / 2, y + 120);
  ctx.textAlign = 'left';
  ctx.fillStyle = '#333';
  for (let line = 0; line < 22; line++) {
    const len = 560 + ((line * 97 + sheet * 31) % 140);
    ctx.fillRect(x + 70, y + 170 + line * 28, line % 7 === 6 ? len / 2 : len, 9);
  }
  ctx.strokeStyle = '#b22';
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.arc(x + w - 160, y + h - 140, 70, 0, Math.PI * 2);
  ctx.stroke();
}

export interface SimulatedCamera {
  stream: MediaStream;
  /** Turns to the next sheet, as the applicant lays the next page down. */
  nextSheet(): void;
  stop(): void;
}

export function openSimulatedCamera(): SimulatedCamera {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d')!;
  let tick = 0;
  let sheet = 1;
  drawPage(ctx, tick, sheet);
  const timer = window.setInterval(() => drawPage(ctx, ++tick, sheet), 100);
  const stream = canvas.captureStream(10);
  return {
    stream,
    nextSheet: () => {
      sheet++;
    },
    stop: () => {
      window.clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
    },
  };
}

/** What a camera failure means to the clerk, in Chinese, with what to do next. */
export function cameraErrorMessage(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return '未找到高拍仪：请检查USB连接线后点击“刷新设备”，或在工位设置中选择模拟高拍仪（培训）';
    case 'NotAllowedError':
    case 'SecurityError':
      return '未获准使用高拍仪：请联系信息科在系统设置中允许本程序使用摄像头';
    case 'NotReadableError':
    case 'AbortError':
      return '高拍仪被其他程序占用或无响应：请关闭其他使用摄像头的程序后重试';
    default:
      return '无法打开高拍仪：请检查连接线后重试，仍不行请联系信息科';
  }
}
