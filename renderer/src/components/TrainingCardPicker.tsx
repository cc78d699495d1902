import { App, Button, List, Space, Tag, Typography } from 'antd';
import type { AppError } from '../../../shared/api/errors';
import { CARD_TYPE_LABELS } from '../../../shared/domain/idcard/card';
import { useLiftCard, usePlaceCard, useTrainingCards } from '../api/queries/devices';

/**
 * Training mode: the trainer lays any synthetic card on the simulated reader and lifts it again,
 * from the reader's badge — the same read path as a real card, so the form fills as it would.
 */
export function TrainingCardPicker() {
  const { message } = App.useApp();
  const cards = useTrainingCards();
  const place = usePlaceCard();
  const lift = useLiftCard();
  const outcome = (done: string) => ({
    onSuccess: () => void message.success(done),
    onError: (e: AppError) => void message.error(e.message || '模拟读卡器未响应，请重试'),
  });
  if (cards.isLoading) return <Typography.Text type="secondary">正在读取培训卡…</Typography.Text>;
  if (!cards.data?.available)
    return <Typography.Text type="secondary">未使用模拟读卡器：请在工位设置中选择“模拟读卡器（培训）”</Typography.Text>;
  const placed = cards.data.placed;
  return (
    <div style={{ width: 400 }} data-testid="training-cards">
      <Space style={{ marginBottom: 6, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>培训卡</Typography.Text>
        <Button size="small" disabled={placed === null} onClick={() => lift.mutate({}, outcome('已拿起卡片'))} data-testid="training-lift">
          拿起卡片
        </Button>
      </Space>
      <List
        size="small"
        dataSource={cards.data.cards}
        style={{ maxHeight: 320, overflow: 'auto' }}
        renderItem={(c) => (
          <List.Item
            data-testid={`training-card-${c.id}`}
            actions={[
              c.id === placed ? (
                <Tag color="green" key="on">
                  已放上
                </Tag>
              ) : (
                <Button key="place" size="small" type="link" onClick={() => place.mutate({ cardId: c.id }, outcome(`已放上：${c.label}`))}>
                  放上
                </Button>
              ),
            ]}
          >
            {/* The label already names the card type; the type is repeated only for a label that does not. */}
            <span>{c.label.includes(CARD_TYPE_LABELS[c.cardType]) ? c.label : `${CARD_TYPE_LABELS[c.cardType]} · ${c.label}`}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
