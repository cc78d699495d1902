/**
 * Dates that are valid on the calendar but not in this project's life: a planned start years
 * before the project was coded, a 竣工验收 that has not happened yet, a year typed with a digit
 * too many. Judged against the workstation's today (the injected clock, in Asia/Shanghai), so
 * training and tests see the same rules as a real day.
 */
import type { Values } from '../catalog';

/** Earliest year any date on a construction form can sensibly carry. */
const EARLIEST_YEAR = 1950;
/** How far ahead a plan may reach (a long project's planned end). */
const FUTURE_YEARS = 20;
/** A planned start may precede its 项目代码's year by at most this much (a late registration). */
const START_BEFORE_CODE_YEARS = 1;

/** Dates that record something already done: they cannot be after today. */
const DONE_DATES: Readonly<Record<string, string>> = { 'completion.acceptanceDate': '竣工验收' };

/** One message per implausible date field, by key; `dates` are the visible date fields' ISO values. */
export function implausibleDates(
  dates: ReadonlyMap<string, { label: string; value: string }>,
  values: Values,
  today: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const year = Number(today.slice(0, 4));
  for (const [key, { label, value }] of dates) {
    const y = Number(value.slice(0, 4));
    if (y < EARLIEST_YEAR || y > year + FUTURE_YEARS) {
      out[key] = `${label}（${value}）的年份不合常理，请核对是否输错年份`;
      continue;
    }
    const done = DONE_DATES[key];
    if (done && value > today) out[key] = `${label}（${value}）晚于今天（${today}）：${done}应已完成，请核对日期`;
  }
  const start = dates.get('project.plannedStart');
  const code = typeof values['project.code'] === 'string' ? /^(\d{4})-/.exec(values['project.code'].trim()) : null;
  if (start && !out['project.plannedStart'] && code) {
    const codeYear = Number(code[1]);
    if (Number(start.value.slice(0, 4)) < codeYear - START_BEFORE_CODE_YEARS) {
      out['project.plannedStart'] =
        `${start.label}（${start.value}）比项目赋码年份（${codeYear}年）早${codeYear - Number(start.value.slice(0, 4))}年，请核对年份`;
    }
  }
  return out;
}
