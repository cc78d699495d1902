import { Alert, App, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { CaseDetail } from '../../../shared/api/cases';
import type { MethodInput } from '../../../shared/api';
import { AppError } from '../../../shared/api/errors';
import { api } from '../api/client';
import { useApiMutation } from '../api/hooks';
import { CaptureDialog } from '../capture/CaptureDialog';
import { formatSize, readAsBase64 } from '../acceptance/model';

interface Outstanding {
  code: string;
  name: string;
}

/** What the clerk collected for one outstanding material: files (scan, camera, upload) or an e-licence. */
type SupplementInput = MethodInput<'cases.supplement'>['materials'][number];

type Collected =
  | { kind: 'files'; files: { sha256: string; size: number; label: string; pages?: number | undefined }[] }
  | { kind: 'e-licence'; licence: string };

function messageOf(e: unknown): string {
  return e instanceof AppError ? e.message : '操作未完成：请重试；仍不成功请联系系统管理员';
}

/**
 * 补齐材料: each material still owed (补正 or 容缺) is collected the way acceptance collects it —
 * 上传, 拍照/扫描 through the same capture dialog, or the builder's e-licence — and the case then
 * lists it once, with its files. Registering without the paper itself is not offered.
 */
export function SupplementDialog({ detail, onClose, onDone }: { detail: CaseDetail; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const pending = [...new Set([...(detail.correction?.outstanding ?? []), ...(detail.deficiency?.outstanding ?? [])])];
  const names = new Map<string, string>([
    ...detail.materials.map((m) => [m.code, m.name] as const),
    ...(detail.correction?.items ?? []).map((m) => [m.code, m.name] as const),
    ...(detail.deficiency?.materials ?? []).map((m) => [m.code, m.name] as const),
  ]);
  const lines: Outstanding[] = pending.map((code) => ({ code, name: names.get(code) ?? '待补材料' }));
  const [collected, setCollected] = useState<Record<string, Collected>>({});
  const [capturing, setCapturing] = useState<Outstanding | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [licences, setLicences] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const target = useRef<Outstanding | null>(null);
  const supplement = useApiMutation('cases.supplement', ['cases.get', 'cases.list']);

  const addFiles = (code: string, files: Extract<Collected, { kind: 'files' }>['files']) =>
    setCollected((c) => {
      const before = c[code];
      return { ...c, [code]: { kind: 'files', files: [...(before?.kind === 'files' ? before.files : []), ...files] } };
    });

  const upload = async (line: Outstanding, files: FileList | null) => {
    if (!files) return;
    setUploading(line.code);
    try {
      for (const file of Array.from(files)) {
        const ref = await api.call('acceptance.uploadMaterial', {
          materialCode: line.code,
          fileName: file.name,
          mime: file.type || 'application/octet-stream',
          dataBase64: await readAsBase64(file),
        });
        addFiles(line.code, [{ sha256: ref.sha256, size: ref.size, label: file.name, pages: ref.pages }]);
      }
    } catch (e) {
      void message.error(messageOf(e));
    } finally {
      setUploading(null);
    }
  };

  const lookup = async () => {
    const uscc = detail.project.builderUscc;
    if (!uscc) return setError('本项目没有登记建设单位统一社会信用代码，无法查询电子证照，请收取纸质材料');
    try {
      const found = await api.call('acceptance.lookupElicences', { uscc });
      setLicences(found.licences);
      void message.info(found.message);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const licenceFor = (line: Outstanding) => licences?.find((l) => line.name.includes(l)) ?? null;

  const submit = async () => {
    const materials = lines.flatMap((l): SupplementInput[] => {
      const c = collected[l.code];
      if (!c) return [];
      if (c.kind === 'e-licence') return [{ code: l.code, name: l.name, status: 'e-licence', blobRefs: [], ref: c.licence }];
      const pages = c.files.reduce((n, f) => n + (f.pages ?? 0), 0);
      return [{ code: l.code, name: l.name, status: 'collected', blobRefs: c.files.map((f) => f.sha256), ...(pages > 0 ? { pages } : {}) }];
    });
    if (materials.length === 0) return setError('请先采集或上传补交的材料');
    setError(null);
    try {
      await supplement.mutateAsync({ caseId: detail.id, materials });
      onDone();
      onClose();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Modal
      title="补齐材料"
      open
      onCancel={onClose}
      footer={null}
      width={820}
      destroyOnHidden
      maskClosable={false}
      data-testid="dialog-supplement"
    >
      <Typography.Paragraph type="secondary">
        逐项采集申请人补交的材料（与受理时一样：上传、拍照/扫描或调用电子证照）；全部补齐后恢复计时。
      </Typography.Paragraph>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        style={{ display: 'none' }}
        data-testid="supplement-file"
        onChange={(e) => {
          if (target.current) void upload(target.current, e.target.files);
          e.target.value = '';
        }}
      />
      <Table<Outstanding>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={lines}
        onRow={(l) => ({ 'data-testid': `supplement-line-${l.code}` }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          { title: '待补材料', dataIndex: 'name' },
          {
            title: '已收',
            width: 260,
            render: (_, l) => {
              const c = collected[l.code];
              if (!c) return <Tag color="orange">未收</Tag>;
              if (c.kind === 'e-licence') return <Tag color="cyan">电子证照：{c.licence}</Tag>;
              return c.files.map((f) => (
                <Tag key={f.sha256} color="green">
                  {f.label}（{formatSize(f.size)}）
                </Tag>
              ));
            },
          },
          {
            title: '采集',
            width: 280,
            render: (_, l) => {
              const licence = licenceFor(l);
              return (
                <Space size={4}>
                  <Button
                    size="small"
                    loading={uploading === l.code}
                    data-testid={`supplement-upload-${l.code}`}
                    onClick={() => {
                      target.current = l;
                      fileInput.current?.click();
                    }}
                  >
                    上传
                  </Button>
                  <Button size="small" onClick={() => setCapturing(l)} data-testid={`supplement-capture-${l.code}`}>
                    拍照/扫描
                  </Button>
                  {licence && (
                    <Button size="small" onClick={() => setCollected((c) => ({ ...c, [l.code]: { kind: 'e-licence', licence } }))}>
                      用电子证照
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button size="small" onClick={() => void lookup()} data-testid="supplement-elicences">
          查询电子证照
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="action-error" />}
      <Space style={{ width: '100%', justifyContent: 'flex-end', marginTop: 8 }}>
        <Button onClick={onClose}>
          取消<span className="ow-kbd">Esc</span>
        </Button>
        <Button type="primary" loading={supplement.isPending} onClick={() => void submit()} data-testid="supplement-submit">
          登记补交材料
        </Button>
      </Space>
      <CaptureDialog
        open={capturing !== null}
        materialName={capturing?.name ?? ''}
        onClose={() => setCapturing(null)}
        onCaptured={(ref) => {
          if (capturing)
            addFiles(capturing.code, [{ sha256: ref.sha256, size: ref.size, label: `采集 ${ref.pages} 页`, pages: ref.pages }]);
          setCapturing(null);
        }}
      />
    </Modal>
  );
}
