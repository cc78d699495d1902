import { Descriptions, Drawer, Spin, Table, Tag } from 'antd';
import { useApi } from '../api/hooks';

/** The full 办事指南 of one item, one click from wherever the item is named. Esc closes. */
export function GuideDrawer({ itemCode, onClose }: { itemCode: string | null; onClose(): void }) {
  const guide = useApi('acceptance.guide', { itemCode: itemCode ?? '' }, { enabled: itemCode !== null });
  const g = guide.data;
  return (
    <Drawer open={itemCode !== null} onClose={onClose} width={720} title={g ? `办事指南：${g.name}` : '办事指南'} destroyOnHidden>
      {guide.isLoading && <Spin />}
      {guide.error && <div>{guide.error.message}</div>}
      {g && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="业务办理项编码">{g.code}</Descriptions.Item>
            <Descriptions.Item label="基本编码">{g.mainCode}</Descriptions.Item>
            <Descriptions.Item label="事项类型">{g.itemType}</Descriptions.Item>
            <Descriptions.Item label="办件类型">{g.caseType}</Descriptions.Item>
            <Descriptions.Item label="实施主体">{g.implementingBody}</Descriptions.Item>
            <Descriptions.Item label="所属阶段">
              第{g.stage}阶段 {g.stageName}
            </Descriptions.Item>
            <Descriptions.Item label="法定办结时限">{g.statutoryLimit}</Descriptions.Item>
            <Descriptions.Item label="承诺办结时限">{g.promisedLimit}</Descriptions.Item>
            <Descriptions.Item label="到现场次数">{g.visits} 次</Descriptions.Item>
            <Descriptions.Item label="网办程度">{g.online}</Descriptions.Item>
            <Descriptions.Item label="收费">
              {g.fee.charged ? `收费（${g.fee.amount ?? ''}）依据：${g.fee.basis}` : `不收费（${g.fee.basis}）`}
            </Descriptions.Item>
            <Descriptions.Item label="告知承诺制">{g.commitment ? '适用' : '不适用'}</Descriptions.Item>
            <Descriptions.Item label="适用情形" span={2}>
              {g.appliesWhen ?? '所有项目'}
            </Descriptions.Item>
            <Descriptions.Item label="设定依据" span={2}>
              {g.legalBasis.join('；')}
            </Descriptions.Item>
            <Descriptions.Item label="受理条件" span={2}>
              {g.acceptanceConditions.join('；')}
            </Descriptions.Item>
            <Descriptions.Item label="办理流程" span={2}>
              {g.process.join(' → ')}
            </Descriptions.Item>
            <Descriptions.Item label="特别程序" span={2}>
              {g.specialProcedures.length ? g.specialProcedures.map((p) => `${p.name}（${p.limit}，不计入办结时限）`).join('；') : '无'}
            </Descriptions.Item>
            <Descriptions.Item label="办理结果">
              {g.result.type}：{g.result.name}
            </Descriptions.Item>
            <Descriptions.Item label="办理地点与时间">
              {g.location}；{g.hours}
            </Descriptions.Item>
            <Descriptions.Item label="咨询电话">{g.consultPhone}</Descriptions.Item>
            <Descriptions.Item label="监督投诉">{g.complaintPhone}</Descriptions.Item>
            <Descriptions.Item label="行政复议">{g.reconsiderationBody}</Descriptions.Item>
            <Descriptions.Item label="行政诉讼">{g.litigationBody}</Descriptions.Item>
          </Descriptions>
          <Table
            style={{ marginTop: 8 }}
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={g.materials}
            columns={[
              { title: '申请材料', dataIndex: 'name' },
              { title: '类型', width: 120, render: (_, m) => `${m.form} · ${m.medium}` },
              { title: '份数', width: 90, render: (_, m) => `原${m.originals} 复${m.copies}` },
              {
                title: '说明',
                width: 200,
                render: (_, m) => (
                  <>
                    {m.necessity === '非必要' && <Tag>非必要</Tag>}
                    {m.eLicence && <Tag color="cyan">可用电子证照</Tag>}
                    {m.deficiencyAllowed && <Tag color="gold">可容缺</Tag>}
                    {m.when}
                  </>
                ),
              },
            ]}
          />
          <div style={{ marginTop: 6, color: '#888' }}>事项目录版本 {g.catalogVersion}</div>
        </>
      )}
    </Drawer>
  );
}
