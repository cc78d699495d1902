import { z } from 'zod';
import { boardPage, statDimension, statisticsResult } from '../protocol/board';
import { windowRole } from '../protocol/enrolment';
import { routeReason } from '../protocol/feed';
import { Empty, IsoDate, method } from './contract-kit';

/**
 * The workstation as a window of a hall (issue 13): enrolment with a one-time code, the window's
 * role, the worklist of cases the hall routed here, project pulls, hand-over, and the hall-wide
 * board for leaders. The Node side talks to the hall; the renderer only to this contract.
 */
export const HallStatusView = z.object({
  enrolled: z.boolean(),
  hallUrl: z.string().nullable(),
  workstationId: z.string().nullable(),
  hallName: z.string().nullable(),
  windowName: z.string().nullable(),
  role: windowRole.nullable(),
  department: z.string().nullable(),
  /** Set when the hall answered REVOKED: the message the clerk sees, in Chinese. */
  revoked: z.string().nullable(),
  /** Whether the push channel is connected (routed work then shows within 2 s). */
  pushConnected: z.boolean(),
});
export type HallStatusView = z.infer<typeof HallStatusView>;

export const WorklistRow = z.object({
  caseId: z.string(),
  caseNumber: z.string().nullable(),
  itemName: z.string().nullable(),
  department: z.string().nullable(),
  reason: routeReason,
  /** The case's status here, when it was replicated (null while its data is still missing). */
  status: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  fromWorkstation: z.string().nullable(),
  /** Names of those windows as the hall last listed them (hall_windows); null when not known yet. */
  acceptedByName: z.string().nullable(),
  fromWindowName: z.string().nullable(),
  note: z.string().nullable(),
  routedAt: z.string(),
  problem: z.string().nullable(),
});
export type WorklistRow = z.infer<typeof WorklistRow>;

export const HallWindowView = z.object({
  workstationId: z.string(),
  windowName: z.string(),
  role: windowRole,
  department: z.string().nullable(),
  online: z.boolean(),
});

export const hallMethods = {
  'hall.status': method({
    input: Empty,
    output: HallStatusView,
    access: 'user',
    allowWhenLocked: true,
    summary: 'this window in its hall: role, enrolment, revocation',
  }),
  'hall.enrol': method({
    input: z
      .object({
        url: z.string().trim().min(1, '请填写大厅服务器地址').max(300),
        code: z.string().trim().min(6, '登记码不完整').max(40),
      })
      .strict(),
    output: HallStatusView,
    access: ['admin'],
    summary: 'enrol this workstation in the hall with a one-time code',
  }),
  'hall.worklist': method({
    input: z.object({ open: z.boolean().default(true) }).strict(),
    output: z.array(WorklistRow),
    access: 'user',
    summary: 'cases the hall routed to this window',
  }),
  'hall.pullProject': method({
    input: z
      .object({ projectCode: z.string().trim().min(1).max(100), waitMs: z.number().int().min(0).max(10_000).default(5_000) })
      .strict(),
    output: z.object({ asked: z.boolean(), cases: z.number().int(), materials: z.number().int(), problem: z.string().nullable() }),
    access: 'user',
    summary: "bring the project's materials, results and e-licences from the hall",
  }),
  'hall.windows': method({
    input: Empty,
    output: z.array(HallWindowView),
    access: 'user',
    summary: 'windows of the hall a case can be handed to',
  }),
  'hall.handOver': method({
    input: z
      .object({
        caseId: z.string().min(1).max(100),
        toWorkstation: z.string().min(1).max(100),
        note: z.string().trim().max(200).nullable().default(null),
      })
      .strict(),
    output: z.object({ holder: z.string(), handedAt: z.string() }),
    access: ['clerk', 'reviewer', 'leader', 'admin'],
    summary: 'hand a case over to another window (journaled here and on the hall)',
  }),
  'hall.board': method({
    input: z
      .object({
        after: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        department: z.string().max(60).optional(),
        status: z.string().max(30).optional(),
      })
      .strict(),
    output: boardPage,
    access: ['leader', 'admin'],
    summary: 'the hall-wide supervision board',
  }),
  'hall.statistics': method({
    input: z.object({ from: IsoDate, to: IsoDate, by: statDimension }).strict(),
    output: statisticsResult,
    access: ['leader', 'admin'],
    summary: 'hall-wide statistics by department, item, window or clerk',
  }),
};
