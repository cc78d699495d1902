import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { MAX_SIGNATURE_IMAGE_BYTES } from '../../../shared/api/signing';

interface Point {
  x: number;
  y: number;
  /** 0..1; a mouse reports 0.5 while pressed, a pen its real pressure. */
  p: number;
}
type Stroke = Point[];

const WIDTH = 480;
const HEIGHT = 150;

function lineWidth(p: number): number {
  return 1.2 + p * 3.6;
}

function paint(canvas: HTMLCanvasElement, strokes: Stroke[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#101820';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const s of strokes) {
    for (let i = 1; i < s.length; i++) {
      const a = s[i - 1]!;
      const b = s[i]!;
      ctx.lineWidth = lineWidth((a.p + b.p) / 2);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    if (s.length === 1) {
      const a = s[0]!;
      ctx.beginPath();
      ctx.arc(a.x, a.y, lineWidth(a.p) / 2, 0, Math.PI * 2);
      ctx.fill();
    }
  }
}

/** base64 of the PNG without the data-URL prefix, or null when too large to accept. */
function exportPng(canvas: HTMLCanvasElement): string | null {
  const base64 = canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  return Math.floor((base64.length * 3) / 4) <= MAX_SIGNATURE_IMAGE_BYTES ? base64 : null;
}

/**
 * The leader's handwritten signature for the printed decision: pen or touch through Pointer
 * Events, line width following pen pressure, undo/redo by stroke. The PNG is transparent so it
 * prints over the signature line.
 */
export function SignaturePad({ onChange }: { onChange: (png: string | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [undone, setUndone] = useState<Stroke[]>([]);
  const [tooLarge, setTooLarge] = useState(false);
  const drawing = useRef<Stroke | null>(null);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    paint(c, strokes);
    if (strokes.length === 0) {
      setTooLarge(false);
      onChange(null);
      return;
    }
    const png = exportPng(c);
    setTooLarge(png === null);
    onChange(png);
  }, [strokes, onChange]);

  const point = (e: ReactPointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * WIDTH) / r.width, y: ((e.clientY - r.top) * HEIGHT) / r.height, p: e.pressure || 0.5 };
  };

  return (
    <div>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        data-testid="signature-pad"
        aria-label="手写签名区"
        style={{
          width: WIDTH,
          height: HEIGHT,
          border: '1px dashed #9aa7b8',
          borderRadius: 4,
          background: '#fff',
          touchAction: 'none',
          cursor: 'crosshair',
          display: 'block',
        }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = [point(e)];
          const c = canvas.current;
          if (c) paint(c, [...strokes, drawing.current]);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          // Coalesced events keep a fast pen stroke smooth instead of a polyline of corners.
          const events = typeof e.nativeEvent.getCoalescedEvents === 'function' ? e.nativeEvent.getCoalescedEvents() : [];
          if (events.length > 0) {
            const r = e.currentTarget.getBoundingClientRect();
            for (const ev of events)
              drawing.current.push({
                x: ((ev.clientX - r.left) * WIDTH) / r.width,
                y: ((ev.clientY - r.top) * HEIGHT) / r.height,
                p: ev.pressure || 0.5,
              });
          } else {
            drawing.current.push(point(e));
          }
          const c = canvas.current;
          if (c) paint(c, [...strokes, drawing.current]);
        }}
        onPointerUp={() => {
          const s = drawing.current;
          drawing.current = null;
          if (!s) return;
          setStrokes((prev) => [...prev, s]);
          setUndone([]);
        }}
        onPointerCancel={() => {
          drawing.current = null;
          const c = canvas.current;
          if (c) paint(c, strokes);
        }}
      />
      <Space size={6} style={{ marginTop: 4 }}>
        <Button
          size="small"
          disabled={strokes.length === 0}
          onClick={() => {
            setUndone((u) => [...u, strokes[strokes.length - 1]!]);
            setStrokes((s) => s.slice(0, -1));
          }}
        >
          撤销一笔
        </Button>
        <Button
          size="small"
          disabled={undone.length === 0}
          onClick={() => {
            setStrokes((s) => [...s, undone[undone.length - 1]!]);
            setUndone((u) => u.slice(0, -1));
          }}
        >
          恢复
        </Button>
        <Button
          size="small"
          disabled={strokes.length === 0}
          onClick={() => {
            setStrokes([]);
            setUndone([]);
          }}
        >
          清除
        </Button>
        <Typography.Text type={tooLarge ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {tooLarge ? '签名图片超过200KB，请清除后重新签写' : '手写签名可选，将印在决定书签发处'}
        </Typography.Text>
      </Space>
    </div>
  );
}
