import { Alert, App, Button, Card, Descriptions, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { NoticePreview } from '../../../shared/api/calendar';
import { useCalendarStatus, useCalendarYear, useImportNotice, usePreviewNotice } from '../api/queries/calendar';
import { localDateTime } from '../cases/presentation';
import { MovedTable } from './MovedTable';
import { YearCalendar } from './YearCalendar';

/**
 * 节假日日历 (administrators): which years are published and which are estimated, one year as
 * a calendar, and the import of the State Council notice: paste, check the calendar it
 * produces against the notice, confirm. Open cases are recomputed on import.
 */
export function CalendarAdmin() {
  const { message } = App.useApp();
  const status = useCalendarStatus();
  const thisYear = status.data ? Number(status.data.today.slice(0, 4)) : undefined;
  const [shownYear, setShownYear] = useState<number | undefined>(undefined);
  const viewYear = shownYear ?? (thisYear === undefined ? undefined : thisYear + 1);
  const year = useCalendarYear(viewYear);
  const [text, setText] = useState('');
  const previewing = usePreviewNotice();
  const importing = useImportNotice();
  const preview: NoticePreview | undefined = previewing.data;
  const result = importing.data;
  const busy = previewing.isPending || importing.isPending;

  const check = () => {
    importing.reset();
    previewing.mutate({ text }, { onError: (error) => void message.error(error.message) });
  };
  const confirm = () => {
    importing.mutate(
      { text },
      {
        onSuccess: (r) => {
          previewing.reset();
          setText('');
          setShownYear(r.year);
          void message.success(`已导入${r.year}年放假安排`);
        },
        onError: (error) => void message.error(error.message),
      },
    );
  };

  const s = status.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title="节假日日历">
        {s && (
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="已公布年份">{s.publishedYears.join('、')}</Descriptions.Item>
            <Descriptions.Item label="暂估年份">
              {s.provisionalYears.length > 0
                ? s.provisionalYears.map((y) => (
                    <Tag key={y} color="orange">
                      {y}年暂估
                    </Tag>
                  ))
                : '无'}
            </Descriptions.Item>
            <Descriptions.Item label="已导入通知">
              {s.imports.length > 0 ? s.imports.map((i) => `${i.year}年（${localDateTime(i.importedAt)}）`).join('、') : '无'}
            </Descriptions.Item>
          </Descriptions>
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
          尚未公布放假安排的年份按《全国年节及纪念日放假办法》的法定节假日暂估（无调休），据此算出的办结时限标“暂估”；导入通知或平台同步后自动重新计算。
        </Typography.Paragraph>
      </Card>

      <Card size="small" title="导入国务院办公厅放假安排通知">
        <Input.TextArea
          data-testid="notice-text"
          rows={7}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            previewing.reset();
          }}
          placeholder={
            '连同标题一起粘贴通知全文，例如：\n国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：……'
          }
        />
        <Space style={{ marginTop: 8 }}>
          <Button onClick={check} disabled={text.trim() === ''} loading={busy && !preview} data-testid="notice-check">
            识别通知
          </Button>
          {preview?.ok && (
            <Button type="primary" onClick={confirm} loading={busy} data-testid="notice-import">
              确认无误，导入{preview.year.year}年放假安排
            </Button>
          )}
        </Space>
        {preview && !preview.ok && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            data-testid="notice-problems"
            message="通知文字有以下问题，请与通知原文核对后修改"
            description={
              <List
                size="small"
                dataSource={preview.problems}
                renderItem={(p) => <List.Item style={{ padding: '2px 0' }}>{p.message}</List.Item>}
              />
            }
          />
        )}
        {preview?.ok && (
          <div style={{ marginTop: 8 }} data-testid="notice-preview">
            <Alert
              type={preview.replaces ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 8 }}
              message={`${preview.year.year}年：${preview.year.holidays.map((h) => `${h.name} ${h.from.slice(5)}${h.to === h.from ? '' : `至${h.to.slice(5)}`}`).join('；')}；调休上班 ${
                [...preview.previousYearMakeup, ...preview.year.makeupWorkdays].map((m) => m.date.slice(5)).join('、') || '无'
              }`}
              description={
                preview.replaces ? '该年已有放假安排，导入后将以此通知为准。' : '请对照下面的日历核对每个放假日和上班日，无误后导入。'
              }
            />
            <YearCalendar year={preview.year} />
          </div>
        )}
        {result && (
          <Alert
            style={{ marginTop: 8 }}
            type="success"
            showIcon
            data-testid="import-result"
            message={`已导入${result.year}年放假安排。${result.change ? `${result.change.movedCount} 件在办件的承诺办结日期已重新计算：` : '没有在办件的承诺办结日期因此改变。'}`}
            description={result.change ? <MovedTable change={result.change} /> : undefined}
          />
        )}
      </Card>

      <Card
        size="small"
        title="查看年度日历"
        extra={
          thisYear !== undefined && (
            <Select
              size="small"
              value={viewYear}
              onChange={setShownYear}
              style={{ width: 120 }}
              options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: `${y}年` }))}
            />
          )
        }
      >
        {year.data ? (
          <>
            {year.data.provisional && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                message={`${year.data.year}年放假安排尚未公布，以下按法定节假日暂估（无调休）`}
              />
            )}
            <YearCalendar year={year.data} provisional={year.data.provisional} />
          </>
        ) : (
          <Empty />
        )}
      </Card>

      {s?.lastChange && (
        <Card size="small" title={`最近一次重新计算：${s.lastChange.reason}（${localDateTime(s.lastChange.at)}）`}>
          <MovedTable change={s.lastChange} />
        </Card>
      )}
    </Space>
  );
}
