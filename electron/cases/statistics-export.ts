import type { StatsFigures, StatsInput, StatsSummary } from '../../shared/api/stats';
import type { Db } from '../store/database';
import { hallStatistics } from './statistics';
import { writeXlsx, type Cell } from './xlsx';

const GROUP_TITLES = { department: '部门', item: '事项', clerk: '窗口人员' } as const;

const percent = (r: number | null): Cell => (r === null ? null : Math.round(r * 1000) / 10);

function figureCells(f: StatsFigures): Cell[] {
  return [
    f.accepted,
    f.completed,
    f.onTime,
    percent(f.onTimeRate),
    f.averageHandlingWorkdays,
    f.oneVisit,
    percent(f.oneVisitRate),
    f.ratings,
    f.satisfied,
    percent(f.satisfactionRate),
  ];
}

/** The statistics as a workbook: the grouped table, the daily series, and the definitions. */
export function exportStatistics(db: Db, q: StatsInput): { filename: string; mime: string; base64: string; summary: StatsSummary } {
  const s = hallStatistics(db, q);
  const header = [
    GROUP_TITLES[q.groupBy],
    '受理件数',
    '办结件数',
    '按时办结',
    '按时办结率(%)',
    '平均办理工作日',
    '一次办结',
    '一次办结率(%)',
    '评价数',
    '好评数',
    '满意率(%)',
  ];
  const bytes = writeXlsx([
    {
      name: `按${GROUP_TITLES[q.groupBy]}统计`,
      rows: [header, ...s.groups.map((g) => [g.label, ...figureCells(g)]), ['合计', ...figureCells(s.totals)]],
    },
    { name: '每日受理办结', rows: [['日期', '受理件数', '办结件数'], ...s.daily.map((d) => [d.date, d.accepted, d.completed])] },
    {
      name: '说明',
      rows: [
        ['统计区间', `${q.from} 至 ${q.to}`],
        ['按时办结率', '办结日期不晚于承诺办结日期（含延期）的办件占办结件数的比例'],
        ['平均办理工作日', '自受理次日起至办结日的工作日数，不含补正、特别程序和中止期间'],
        ['一次办结率', '办结件中未经补正的比例（申请人只跑一次）'],
        ['满意率', '“非常满意”和“满意”占全部评价的比例；一次评价涉及多个办件时在每个分组各计一次'],
      ],
    },
  ]);
  return {
    filename: `大厅统计_${q.from}_${q.to}_按${GROUP_TITLES[q.groupBy]}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: bytes.toString('base64'),
    summary: s,
  };
}
