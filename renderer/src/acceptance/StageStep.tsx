import { Alert, Button, Card, Checkbox, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { CatalogItemView, CatalogView, ProjectSummary } from '../../../shared/api/acceptance';
import {
  LAND_SOURCES,
  PROJECT_TYPES,
  describeLimit,
  evaluateCondition,
  type LandSource,
  type ProjectType,
} from '../../../shared/domain/catalog';
import { applicabilityContext } from '../../../shared/domain/forms';
import type { Scope } from './model';

/** Whether an item applies without the clerk adding it, by the same rule the Node side uses. */
export function itemApplies(item: CatalogItemView, scope: Pick<Scope, 'projectType' | 'landSource' | 'specialWorks'>): boolean {
  return !item.onRequest && (!item.appliesWhen || evaluateCondition(item.appliesWhen, applicabilityContext(scope)));
}

/** Choose the stage (done ones marked) and, within it, the items: applicable ones ticked, the rest offered. */
export function StageStep(props: {
  catalog: CatalogView;
  project: ProjectSummary | null;
  scope: Scope;
  onChange(s: Scope): void;
  onGuide(code: string): void;
  onNext(): void;
  busy: boolean;
}) {
  const { catalog, project, scope, onChange } = props;
  const done = new Set(project?.stagesAccepted ?? []);
  const issued = new Set(project?.stagesIssued ?? []);
  const items = useMemo(() => catalog.items.filter((i) => i.stage === scope.stage), [catalog, scope.stage]);
  const chosen = (i: CatalogItemView) => (itemApplies(i, scope) ? !scope.dropItems.includes(i.code) : scope.addItems.includes(i.code));
  const toggle = (i: CatalogItemView, on: boolean) => {
    const applies = itemApplies(i, scope);
    const without = (xs: string[]) => xs.filter((c) => c !== i.code);
    onChange({
      ...scope,
      dropItems: applies && !on ? [...without(scope.dropItems), i.code] : without(scope.dropItems),
      addItems: !applies && on ? [...without(scope.addItems), i.code] : without(scope.addItems),
    });
  };
  // Type, land and special works decide the items: changing them resets the clerk's picks.
  const reset = (patch: Partial<Scope>) => onChange({ ...scope, ...patch, addItems: [], dropItems: [] });
  const count = items.filter(chosen).length;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Card size="small" title={project ? `${project.name}（${project.code}）` : '新项目'}>
        <Space wrap size={16}>
          <span>
            立项类型：
            <Radio.Group
              size="small"
              value={scope.projectType}
              onChange={(e) => reset({ projectType: e.target.value as ProjectType })}
              optionType="button"
              options={PROJECT_TYPES.map((t) => ({ label: t, value: t }))}
            />
          </span>
          <span>
            土地取得：
            <Radio.Group
              size="small"
              value={scope.landSource}
              onChange={(e) => reset({ landSource: e.target.value as LandSource })}
              optionType="button"
              options={LAND_SOURCES.map((t) => ({ label: t, value: t }))}
            />
          </span>
          <span>
            特殊工程：
            <Checkbox.Group
              value={scope.specialWorks}
              onChange={(v) => reset({ specialWorks: v.map(String) })}
              options={catalog.specialWorks}
            />
          </span>
        </Space>
      </Card>
      <Card size="small" title="办理阶段" extra={<Typography.Text type="secondary">数字键 1-5 选择阶段</Typography.Text>}>
        <Radio.Group
          value={scope.stage}
          onChange={(e) => onChange({ ...scope, stage: Number(e.target.value), addItems: [], dropItems: [] })}
          data-testid="stage-choice"
        >
          {catalog.stages.map((s) => (
            <Radio.Button key={s.no} value={s.no} style={{ height: 'auto', padding: '4px 12px' }}>
              <div>
                第{s.no}阶段 {s.name}{' '}
                {issued.has(s.no) ? <Tag color="blue">已出件</Tag> : done.has(s.no) && <Tag color="green">已受理</Tag>}
              </div>
              <div style={{ fontSize: 12, color: '#888' }}>{s.leadDepartmentName ? `牵头：${s.leadDepartmentName}` : '与各阶段并行'}</div>
            </Radio.Button>
          ))}
        </Radio.Group>
        {done.has(scope.stage) && (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            message={`本项目第${scope.stage}阶段已受理过；再次受理将形成新的申请，请确认确有需要`}
          />
        )}
      </Card>
      <Card
        size="small"
        title={`本次办理的事项（已选 ${count} 项）`}
        extra={<Typography.Text type="secondary">按项目情况自动勾选，可增减</Typography.Text>}
      >
        <Table<CatalogItemView>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={items}
          columns={[
            {
              title: '',
              width: 36,
              render: (_, i) => <Checkbox checked={chosen(i)} onChange={(e) => toggle(i, e.target.checked)} aria-label={i.name} />,
            },
            {
              title: '事项',
              render: (_, i) => (
                <span>
                  {i.name} {i.onRequest && <Tag>按需申请</Tag>} {i.commitment && <Tag color="purple">告知承诺</Tag>}
                  {!itemApplies(i, scope) && !i.onRequest && <Tag color="default">不适用本项目</Tag>}
                </span>
              ),
            },
            { title: '承办部门', dataIndex: 'departmentName', width: 150 },
            { title: '承诺时限', width: 100, render: (_, i) => describeLimit(i.promisedLimit) },
            { title: '法定时限', width: 100, render: (_, i) => describeLimit(i.statutoryLimit) },
            {
              title: '',
              width: 80,
              render: (_, i) => (
                <Button size="small" type="link" onClick={() => props.onGuide(i.code)}>
                  办事指南
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <div style={{ textAlign: 'right' }}>
        <Button type="primary" disabled={count === 0} loading={props.busy} onClick={props.onNext} data-testid="to-form">
          下一步：填写申请表 <span className="ow-kbd">Enter</span>
        </Button>
      </div>
    </Space>
  );
}
