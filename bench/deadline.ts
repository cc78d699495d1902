/**
 * Deadline computation for the supervision board: 100,000 synthetic cases over 2024-2026, some
 * with 补正 or 特别程序 pauses (open and closed) and extensions. Prints figures; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIsoDate, parseIsoDate, WorkingDayCalendar } from '../shared/domain/calendar';
import { computeDeadline, type CaseClock, type ClockPause, type DeadlineLevel } from '../shared/domain/deadline';
import { defaultHolidaysPath } from '../electron/calendar/load';

const CASES = 100_000;
const TODAY = '2026-06-15';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticCases(count: number): CaseClock[] {
  const random = seeded(5);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const today = parseIsoDate(TODAY);
  const cases: CaseClock[] = [];
  for (let i = 0; i < count; i++) {
    const accepted = today - int(0, 90);
    const pauses: ClockPause[] = [];
    if (random() < 0.3) {
      let at = accepted + int(1, 10);
      for (let p = int(1, 3); p > 0 && at <= today; p--) {
        const length = int(1, 12);
        const open = at + length > today || random() < 0.05;
        pauses.push(
          open
            ? { kind: 'correction', startedOn: formatIsoDate(at) }
            : { kind: 'special-procedure', startedOn: formatIsoDate(at), endedOn: formatIsoDate(at + length), note: '专家评审' },
        );
        if (open) break;
        at += length + int(1, 10);
      }
    }
    cases.push({
      acceptedOn: formatIsoDate(accepted),
      limit: random() < 0.15 ? { value: int(5, 60), unit: 'natural-day' } : { value: int(1, 45), unit: 'workday' },
      pauses,
      extensions: random() < 0.1 ? [{ workdays: int(1, 10), reason: '需现场核查' }] : [],
      extensionCapWorkdays: 15,
    });
  }
  return cases;
}

export async function run(print: (line: string) => void): Promise<void> {
  const file = defaultHolidaysPath();
  let t0 = performance.now();
  const calendar = WorkingDayCalendar.fromUnknown(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  print(
    `calendar: parse + index ${calendar.knownYears().join(',')} in ${(performance.now() - t0).toFixed(2)} ms (${join('resources', 'calendar', 'holidays.json')})`,
  );

  const cases = syntheticCases(CASES);
  const withPauses = cases.filter((c) => (c.pauses?.length ?? 0) > 0).length;
  const withExtensions = cases.filter((c) => (c.extensions?.length ?? 0) > 0).length;
  print(`cases: ${CASES} (${withPauses} with pauses, ${withExtensions} with extensions), today ${TODAY}`);

  // One warm-up pass so the figure is the steady state the board sees on every refresh.
  for (const clock of cases.slice(0, 5_000)) computeDeadline(calendar, clock, { today: TODAY });

  const levels: Record<DeadlineLevel, number> = { normal: 0, yellow: 0, red: 0, paused: 0 };
  t0 = performance.now();
  for (const clock of cases) levels[computeDeadline(calendar, clock, { today: TODAY }).level]++;
  const total = performance.now() - t0;
  print(`computeDeadline: ${total.toFixed(1)} ms total, ${((total * 1000) / CASES).toFixed(2)} µs per case`);
  print(`levels: normal ${levels.normal}, yellow ${levels.yellow}, red ${levels.red}, paused ${levels.paused}`);

  const calls = 1_000_000;
  const random = seeded(9);
  const first = parseIsoDate('2024-01-02');
  let sink = 0;
  t0 = performance.now();
  for (let i = 0; i < calls; i++) sink += calendar.addWorkdaysToOrdinal(first + Math.floor(random() * 700), 1 + Math.floor(random() * 60));
  const add = performance.now() - t0;
  print(
    `addWorkdays (ordinal): ${calls} calls in ${add.toFixed(1)} ms, ${((add * 1e6) / calls).toFixed(0)} ns per call (checksum ${sink % 1000})`,
  );
}
