import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { CHECKLIST_STATUS_LABELS, type ChecklistLineView } from '../../../shared/api/acceptance';
import { AppError } from '../../../shared/api/errors';
import { api } from '../api/client';
import { CaptureDialog } from '../capture/CaptureDialog';
import { MaterialCountsCell, type CollectedCounts } from './MaterialCounts';
import { formatSize, outstanding, readAsBase64, type Attachment } from './model';

const STATUS_COLORS: Record<ChecklistLineView['status'], string> = {
  reused: 'green',
  'e-licence': 'cyan',
  'to-collect': 'orange',
  'deficiency-allowed': 'gold',
  'issued-in-stage': 'blue',
};

/**
 * The stage's one set of materials: what is reused (and from where), what an e-licence covers,
 * what this application issues itself, and what the applicant must hand over now.
 */
export function MaterialsStep(props: {
  checklist: ChecklistLineView[];
  attachments: Record<string, Attachment[]>;
  onAttach(code: string, a: Attachment): void;
  onRemove(code: string, sha256: string): void;
  onReject(code: string): void;
  /** What the platform's e-licence library said for the builder, and asking it again. */
  elicenceMessage?: string | null;
  onLookupElicences?(): void;
  counts?: Record<string, Partial<CollectedCounts>>;
  onCounts?(code: string, counts: Partial<CollectedCounts>): void;
  onNext(): void;
  onBack(): void;
}) {
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<ChecklistLineView | null>(null);
  const [capturing, setCapturing] = useState<ChecklistLineView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const left = outstanding(props);
  const n = (s: ChecklistLineView['status']) => props.checklist.filter((l) => l.status === s).length;

  const upload = async (line: ChecklistLineView, files: FileList | null) => {
    if (!files) return;
    setBusy(line.code);
    try {
      for (const file of Array.from(files)) {
        const dataBase64 = await readAsBase64(file);
        const ref = await api.call('acceptance.uploadMaterial', {
          materialCode: line.code,
          fileName: file.name,
          mime: file.type || 'application/octet-stream',
          dataBase64,
        });
        props.onAttach(line.code, { ...ref, fileName: file.name });
      }
    } catch (error) {
      void message.error(error instanceof AppError || error instanceof Error ? error.message : '上传失败，请重试');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title="材料清单（一套材料）"
      extra={
        <Space size={4}>
          <Tag color="green">复用 {n('reused')}</Tag>
          <Tag color="cyan">电子证照 {n('e-licence')}</Tag>
          <Tag color="blue">本阶段核发 {n('issued-in-stage')}</Tag>
          <Tag color="orange">需收取 {n('to-collect') + n('deficiency-allowed')}</Tag>
          <Typography.Text type={left.length ? 'warning' : 'success'}>
            {left.length ? `尚缺 ${left.length} 份` : '材料已齐'}
          </Typography.Text>
        </Space>
      }
    >
      <input
        ref={fileInput}
        type="file"
        multiple
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        style={{ display: 'none' }}
        data-testid="material-file"
        onChange={(e) => {
          if (target) void upload(target, e.target.files);
          e.target.value = '';
        }}
      />
      {props.onLookupElicences && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 6 }} data-testid="elicence-lookup">
          <Button size="small" onClick={props.onLookupElicences} data-testid="lookup-elicences">
            查询电子证照
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="elicence-message">
            {props.elicenceMessage ?? '按建设单位统一社会信用代码查询中心平台电子证照库'}
          </Typography.Text>
        </div>
      )}
      <Table<ChecklistLineView>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={props.checklist}
        rowClassName={(l) => `ow-material-${l.status}`}
        onRow={(l) => ({ 'data-testid': `material-${l.code}` }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          {
            title: '材料',
            render: (_, l) => (
              <div>
                <div>
                  {l.name} {!l.required && <Tag>非必要</Tag>} {l.fromForm && <Tag color="purple">由申请表生成</Tag>}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.form} · {l.medium}
                  {l.originals > 0 ? ` · 原件${l.originals}份` : ''}
                  {l.copies > 0 ? ` · 复印件${l.copies}份` : ''}
                  {l.when.length ? ` · ${l.when.join('；')}` : ''}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: '状态',
            width: 130,
            render: (_, l) => (
              <Space size={2} direction="vertical">
                <Tag color={STATUS_COLORS[l.status]} data-testid={`status-${l.code}`}>
                  {CHECKLIST_STATUS_LABELS[l.status]}
                </Tag>
                {l.rejected && <Tag color="red">已驳回复用</Tag>}
              </Space>
            ),
          },
          {
            title: '来源',
            width: 220,
            render: (_, l) =>
              l.from ? (
                <span>
                  {l.from}
                  {l.linkedBlobs > 0 ? `（${l.linkedBlobs}个文件）` : ''}
                </span>
              ) : null,
          },
          {
            title: '已收文件',
            width: 220,
            render: (_, l) =>
              (props.attachments[l.code] ?? []).map((a) => (
                <Tag key={a.sha256} closable onClose={() => props.onRemove(l.code, a.sha256)}>
                  {a.fileName}（{formatSize(a.size)}）
                </Tag>
              )),
          },
          {
            title: '份数与页数',
            width: 250,
            render: (_, l) =>
              l.status === 'to-collect' || l.status === 'deficiency-allowed' ? (
                <MaterialCountsCell
                  line={l}
                  files={props.attachments[l.code] ?? []}
                  edited={props.counts?.[l.code]}
                  onChange={(c) => props.onCounts?.(l.code, c)}
                />
              ) : null,
          },
          {
            title: '操作',
            width: 190,
            render: (_, l) =>
              l.status === 'reused' || l.status === 'e-licence' ? (
                <Popconfirm
                  title="驳回复用后须重新收取该材料，确定？"
                  okText="驳回并重新收取"
                  cancelText="取消"
                  onConfirm={() => props.onReject(l.code)}
                >
                  <Button size="small" danger data-testid={`reject-${l.code}`}>
                    驳回复用
                  </Button>
                </Popconfirm>
              ) : l.status === 'issued-in-stage' ? null : (
                <Space size={4}>
                  <Button
                    size="small"
                    loading={busy === l.code}
                    data-testid={`upload-${l.code}`}
                    onClick={() => {
                      setTarget(l);
                      fileInput.current?.click();
                    }}
                  >
                    上传
                  </Button>
                  <Button size="small" onClick={() => setCapturing(l)}>
                    拍照/扫描
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <CaptureDialog
        open={capturing !== null}
        materialName={capturing?.name ?? ''}
        onClose={() => setCapturing(null)}
        onCaptured={(ref) => {
          if (capturing)
            props.onAttach(capturing.code, {
              sha256: ref.sha256,
              size: ref.size,
              mime: ref.mime,
              pages: ref.pages,
              fileName: `采集 ${ref.pages} 页`,
            });
          setCapturing(null);
        }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
        <Button onClick={props.onBack}>上一步</Button>
        <Button type="primary" onClick={props.onNext} data-testid="to-review">
          下一步：核对受理 <span className="ow-kbd">Enter</span>
        </Button>
      </div>
    </Card>
  );
}
