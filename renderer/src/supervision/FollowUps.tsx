import { App, Button, Card, Empty, Form, Input, Modal, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { FollowUpView } from '../../../shared/api/ratings';
import { useCloseFollowUp, useFollowUps } from '../api/queries/supervision';
import { localDateTime } from '../cases/presentation';

type FollowUp = z.infer<typeof FollowUpView>;

/** 差评回访: every bad rating gets a call-back and rectification before its due date. */
export function FollowUps() {
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const q = useFollowUps(status);
  const [closing, setClosing] = useState<FollowUp | null>(null);
  const closeFollowUp = useCloseFollowUp();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();

  const close = (v: { note: string }) => {
    if (!closing) return;
    closeFollowUp.mutate(
      { followUpId: closing.id, note: v.note },
      {
        onSuccess: () => {
          setClosing(null);
          void message.success('已记录回访和整改情况');
        },
        onError: (e) => void message.error(e.message || '保存失败，请重试'),
      },
    );
  };

  return (
    <Card
      size="small"
      title="差评回访"
      extra={
        <Segmented
          size="small"
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'closed')}
          options={[
            { value: 'open', label: '待回访' },
            { value: 'closed', label: '已办结' },
          ]}
        />
      }
    >
      <Table<FollowUp>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={status === 'open' ? '没有待回访的差评' : '暂无记录'} /> }}
        columns={[
          { title: '评价', dataIndex: 'levelLabel', width: 100, render: (v: string) => <Tag color="red">{v}</Tag> },
          { title: '办件编号', dataIndex: 'caseNumbers', width: 200, render: (v: string[]) => v.join('、') },
          { title: '意见', dataIndex: 'comment', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: '评价时间', dataIndex: 'openedAt', width: 150, render: (v: string) => localDateTime(v) },
          { title: '回访期限', dataIndex: 'dueOn', width: 100, render: (v: string | null) => v ?? '—' },
          status === 'open'
            ? {
                title: '',
                key: 'act',
                width: 90,
                render: (_: unknown, r: FollowUp) => (
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      setClosing(r);
                    }}
                  >
                    办结回访
                  </Button>
                ),
              }
            : { title: '回访情况', dataIndex: 'note', ellipsis: true },
        ]}
      />
      <Modal
        open={closing !== null}
        title="办结差评回访"
        onCancel={() => setClosing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: closeFollowUp.isPending }}
        okText="办结"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={close}>
          <Form.Item name="note" label="回访和整改情况" rules={[{ required: true, whitespace: true, message: '请写明回访和整改情况' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
