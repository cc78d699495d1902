import { Tag, Tooltip } from 'antd';
import { ESTIMATED_HINT } from './presentation';

/** A due date in a table, with 暂估 when it rests on an unpublished holiday arrangement. */
export function DueDate({ dueOn, estimated }: { dueOn: string | null; estimated?: boolean | undefined }) {
  if (dueOn === null) return <>—</>;
  return (
    <span data-testid="due-date">
      {dueOn}
      {estimated && (
        <Tooltip title={ESTIMATED_HINT}>
          <Tag color="orange" style={{ marginInlineStart: 4, marginInlineEnd: 0 }} data-testid="due-estimated">
            暂估
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
