import { z } from 'zod';
import { IsoDate, IsoDateTime, method } from './contract-kit';

/** One open case whose due date moved when a holiday arrangement arrived. */
export const MovedDeadline = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  itemName: z.string(),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  /** The new date still rests on a year without a published arrangement (暂估). */
  estimated: z.boolean(),
});
export type MovedDeadline = z.infer<typeof MovedDeadline>;

export const CalendarChange = z.object({
  at: IsoDateTime,
  /** Chinese, for the clerk: what arrived, e.g. 导入了2027年放假安排. */
  reason: z.string(),
  movedCount: z.number().int(),
  /** The first moves (up to 200); the journal has every one. */
  moved: z.array(MovedDeadline),
});
export type CalendarChange = z.infer<typeof CalendarChange>;

export const HolidayYearView = z.object({
  year: z.number().int(),
  source: z.string().optional(),
  holidays: z.array(z.object({ name: z.string(), from: IsoDate, to: IsoDate })),
  makeupWorkdays: z.array(z.object({ date: IsoDate, forHoliday: z.string().optional() })),
});
export type HolidayYearView = z.infer<typeof HolidayYearView>;

export const CalendarStatus = z.object({
  today: IsoDate,
  /** Years with a published arrangement (release, platform or import). */
  publishedYears: z.array(z.number().int()),
  /** This year and next, where either is still provisional (暂估). */
  provisionalYears: z.array(z.number().int()),
  /**
   * The year the administrator should import now, for the banner: this year while it is still
   * provisional, and from 1 November next year until its arrangement is in.
   */
  nextYearMissing: z.number().int().nullable(),
  imports: z.array(z.object({ year: z.number().int(), importedBy: z.string().nullable(), importedAt: z.string() })),
  lastChange: CalendarChange.nullable(),
});
export type CalendarStatus = z.infer<typeof CalendarStatus>;

export const NoticeText = z
  .object({
    text: z.string().trim().min(1, '请粘贴国务院办公厅放假安排通知的全文').max(20_000, '通知文字过长（最多 20000 字），请只粘贴通知本身'),
  })
  .strict();

export const NoticePreview = z.union([
  z.object({
    ok: z.literal(true),
    year: HolidayYearView,
    /** A make-up day in December of the year before, added to that year on import. */
    previousYearMakeup: z.array(z.object({ date: IsoDate, forHoliday: z.string().optional() })),
    /** The year already had a published arrangement: importing replaces it. */
    replaces: z.boolean(),
  }),
  z.object({ ok: z.literal(false), problems: z.array(z.object({ line: z.number().int(), message: z.string() })) }),
]);
export type NoticePreview = z.infer<typeof NoticePreview>;

export const calendarMethods = {
  'calendar.status': method({
    input: z.object({}).strict(),
    output: CalendarStatus,
    access: 'user',
    summary: 'published and provisional years, banner, last recomputation',
  }),
  'calendar.year': method({
    input: z.object({ year: z.number().int().min(1991).max(2099) }).strict(),
    output: HolidayYearView.extend({ provisional: z.boolean() }),
    access: 'user',
    summary: 'one year of the calendar in use, published or provisional',
  }),
  'calendar.previewNotice': method({
    input: NoticeText,
    output: NoticePreview,
    access: ['admin'],
    summary: 'parse a pasted State Council holiday notice',
  }),
  'calendar.importNotice': method({
    input: NoticeText,
    output: z.object({ year: z.number().int(), change: CalendarChange.nullable() }),
    access: ['admin'],
    summary: 'import a holiday notice and recompute open deadlines',
  }),
};
