import { Button, Space } from 'antd';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { Rect } from './page-bounds';

interface Props {
  frame: HTMLCanvasElement;
  initial: Rect;
  onApply(crop: Rect): void;
  onCancel(): void;
}

const VIEW_W = 560;

/** Drag a rectangle over the whole frame when page-edge detection did not find the page. */
export function ManualCrop({ frame, initial, onApply, onCancel }: Props) {
  const scale = VIEW_W / frame.width;
  const viewH = Math.round(frame.height * scale);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [rect, setRect] = useState<Rect>(initial);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    const ctx = c.getContext('2d')!;
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.drawImage(frame, 0, 0, c.width, c.height);
    ctx.fillStyle = 'rgba(0,0,0,0.45)';
    ctx.fillRect(0, 0, c.width, c.height);
    const r = { x: rect.x * scale, y: rect.y * scale, w: rect.width * scale, h: rect.height * scale };
    ctx.drawImage(frame, rect.x, rect.y, rect.width, rect.height, r.x, r.y, r.w, r.h);
    ctx.strokeStyle = '#1677ff';
    ctx.lineWidth = 2;
    ctx.strokeRect(r.x, r.y, r.w, r.h);
  }, [frame, rect, scale]);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const b = e.currentTarget.getBoundingClientRect();
    return {
      x: Math.max(0, Math.min(frame.width, (e.clientX - b.left) / scale)),
      y: Math.max(0, Math.min(frame.height, (e.clientY - b.top) / scale)),
    };
  };

  return (
    <Space direction="vertical" size={6}>
      <span style={{ fontSize: 12, color: '#666' }}>在图像上拖动鼠标框出文件范围</span>
      <canvas
        ref={canvasRef}
        width={VIEW_W}
        height={viewH}
        data-testid="manual-crop"
        style={{ cursor: 'crosshair', border: '1px solid #d9d9d9', touchAction: 'none' }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setStart(at(e));
        }}
        onPointerMove={(e) => {
          if (!start) return;
          const p = at(e);
          setRect({
            x: Math.round(Math.min(start.x, p.x)),
            y: Math.round(Math.min(start.y, p.y)),
            width: Math.max(8, Math.round(Math.abs(p.x - start.x))),
            height: Math.max(8, Math.round(Math.abs(p.y - start.y))),
          });
        }}
        onPointerUp={() => setStart(null)}
      />
      <Space>
        <Button type="primary" size="small" onClick={() => onApply(rect)}>
          应用裁剪
        </Button>
        <Button size="small" onClick={() => onApply({ x: 0, y: 0, width: frame.width, height: frame.height })}>
          不裁剪
        </Button>
        <Button size="small" onClick={onCancel}>
          取消
        </Button>
      </Space>
    </Space>
  );
}
