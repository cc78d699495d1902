/**
 * The frame every lifecycle command runs in: one transaction that loads the case, asks the
 * pure state machine whether the action is lawful, lets the command change the case, saves the
 * projection and appends the journal events — then, after commit, tells the renderers.
 */
import type { TransitionResult } from '../../shared/api/cases';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import type { ClockPause } from '../../shared/domain/deadline';
import { assertAction, type CaseAction } from '../../shared/domain/lifecycle';
import type { WorkstationConfig } from '../../shared/api/settings';
import type { CaseStepType, JournalPayloadInput } from '../../shared/journal';
import { appendEvents, type JournalEventInput } from '../store/journal';
import type { Actor } from './actor';
import { factsOf, loadCase, saveCase, type CaseState } from './case-state';
import { calendarOf, commandTime, type CaseHost } from './case-host';

export interface TransitionContext {
  at: string;
  today: string;
  calendar: WorkingDayCalendar;
  config: WorkstationConfig;
  host: CaseHost;
}

/** A lifecycle event as a step writes it: runOnCase adds the case's id and number. */
export type CaseEvent = { [T in CaseStepType]: { type: T; payload: Omit<JournalPayloadInput<T>, 'caseId' | 'caseNumber'> } }[CaseStepType];

export type CaseStep = (c: CaseState, t: TransitionContext) => CaseEvent[];

/** Runs `step` on one case; `action` null is for the system's own moves (容缺 lapse). */
export function runOnCase(
  host: CaseHost,
  caseId: string,
  action: CaseAction | null,
  actor: Actor | null,
  step: CaseStep,
): TransitionResult {
  const { at, today } = commandTime(host);
  const t: TransitionContext = { at, today, calendar: calendarOf(host), config: host.config(), host };
  const result = host.db.transaction((): TransitionResult => {
    const c = loadCase(host.db, { id: caseId });
    if (action) assertAction(factsOf(c), action);
    const events = step(c, t);
    saveCase(host.db, c, t.calendar, today, at);
    appendEvents(
      host.db,
      // The spread re-pairs each type with its payload, which TypeScript cannot follow through a union.
      events.map(
        (e) =>
          ({
            stream: `case:${c.id}`,
            type: e.type,
            payload: { caseId: c.id, caseNumber: c.caseNumber, ...e.payload },
            actor: actor?.id ?? null,
            at,
          }) as JournalEventInput,
      ),
    );
    return { id: c.id, caseNumber: c.caseNumber, status: c.status, dueOn: c.dueOn };
  })();
  host.bus.emit('cases.changed', { caseIds: [result.id] });
  return result;
}

/** Pause notes tell apart the pauses that share the engine's 'correction' kind. */
export const PAUSE_NOTES = { correction: '补正', suspension: '容缺材料逾期未补，中止办理' } as const;

/** Ends the open pauses `which` selects (all when absent) on `today`. */
export function closeOpenPauses(c: CaseState, today: string, which?: (pause: ClockPause) => boolean): void {
  for (const pause of c.clock.pauses ?? []) {
    if (pause.endedOn === undefined && (which === undefined || which(pause))) pause.endedOn = today;
  }
}

export function openPause(c: CaseState, pause: ClockPause): void {
  c.clock.pauses = [...(c.clock.pauses ?? []), pause];
}
