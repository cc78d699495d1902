import { InputNumber, Space, Tooltip } from 'antd';
import type { ChecklistLineView } from '../../../shared/api/acceptance';
import type { Attachment } from './model';

/** What the applicant handed over for one material: confirmed by the clerk, printed on the notice. */
export interface CollectedCounts {
  originals: number;
  copies: number;
  pages: number;
}

/** Pages counted from the files (scanner, camera, upload); undefined when a file could not be counted. */
export function countedPages(files: readonly Attachment[]): number | undefined {
  let total = 0;
  for (const f of files) {
    if (f.pages === undefined) return undefined;
    total += f.pages;
  }
  return total;
}

/** The guide's originals/copies and the counted pages, unless the clerk changed them; pages unknown stay absent. */
export function effectiveCounts(
  line: ChecklistLineView,
  files: readonly Attachment[],
  edited: Partial<CollectedCounts> | undefined,
): Partial<CollectedCounts> {
  const pages = edited?.pages ?? countedPages(files);
  return {
    originals: edited?.originals ?? line.originals,
    copies: edited?.copies ?? line.copies,
    // Unrecorded pages print "—"; a zero would be a false statement on the notice.
    ...(pages !== undefined && pages > 0 ? { pages } : {}),
  };
}

/**
 * 原件 / 复印件 / 页数 of a collected material. Shown once a file is attached: the pages start
 * from the files, originals and copies from the guide, and the clerk corrects what differs.
 */
export function MaterialCountsCell(props: {
  line: ChecklistLineView;
  files: readonly Attachment[];
  edited: Partial<CollectedCounts> | undefined;
  onChange(next: Partial<CollectedCounts>): void;
}) {
  if (props.line.fromForm && props.files.length === 0) return <span className="ow-muted">由申请表生成</span>;
  if (props.files.length === 0) return null;
  const c = effectiveCounts(props.line, props.files, props.edited);
  const counted = countedPages(props.files);
  const box = (key: keyof CollectedCounts, label: string, max: number) => (
    <Space size={2}>
      <span style={{ fontSize: 12 }}>{label}</span>
      <InputNumber
        size="small"
        min={key === 'pages' ? 1 : 0}
        max={max}
        precision={0}
        value={c[key] ?? null}
        style={{ width: 52 }}
        aria-label={`${props.line.name}${label}`}
        data-testid={`count-${key}-${props.line.code}`}
        onChange={(v) => props.onChange({ ...props.edited, [key]: typeof v === 'number' ? v : 0 })}
      />
    </Space>
  );
  return (
    <Space size={6} wrap>
      {box('originals', '原件', 99)}
      {box('copies', '复印件', 99)}
      <Tooltip title={counted === undefined ? '未能自动计页，请按实际页数填写' : `文件共 ${counted} 页`}>
        {box('pages', '页数', 9999)}
      </Tooltip>
    </Space>
  );
}
