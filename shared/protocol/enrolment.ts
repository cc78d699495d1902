import { z } from 'zod';

/**
 * Hall protocol additions (docs/platform-protocol.md section 9): how a workstation becomes a
 * window of the hall, and which part it plays there. The wire schemas of protocol v1 itself stay
 * in electron/sync/wire.ts; what the hall adds lives here so both sides parse with one schema.
 */

/** 一窗受理、分类审批、统一出件: the part a window plays in the hall. */
export const WINDOW_ROLES = ['counter', 'back-office', 'issuing'] as const;
export const windowRole = z.enum(WINDOW_ROLES);
export type WindowRole = z.infer<typeof windowRole>;

export const WINDOW_ROLE_LABELS: Record<WindowRole, string> = {
  counter: '综合受理窗口',
  'back-office': '部门后台审批',
  issuing: '统一出件窗口',
};

/**
 * A window's assignment as the hall configures it. `department` is the catalogue's department
 * name (DOMAIN.md) and is required for a back office: it receives that department's cases.
 */
export const windowAssignment = z
  .object({
    windowName: z.string().min(1).max(40),
    role: windowRole,
    department: z.string().min(1).max(60).nullable(),
  })
  .refine((a) => a.role !== 'back-office' || a.department !== null, { message: '部门后台必须指定所属部门' });
export type WindowAssignment = z.infer<typeof windowAssignment>;

/**
 * One-time enrolment codes as the admin page prints them: 12 characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), in three groups, e.g. `K7QX-M4RT-9HWC`. Workstations
 * send what the clerk typed; the hall normalises (upper case, no spaces) before comparing.
 */
export const ENROLMENT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const enrolRequest = z.object({ code: z.string().trim().min(6).max(40) }).strict();
export type EnrolRequest = z.infer<typeof enrolRequest>;

/**
 * `POST /v1/enrol` answer: the credentials for protocol v1 (section 1). The secret is shown
 * nowhere else and never again: the hall stores it, the workstation keeps it in its
 * configuration. A code is spent by the first successful enrolment.
 */
export const enrolResponse = z
  .object({
    protocol: z.literal(1),
    workstationId: z.string().min(1).max(100),
    secret: z.string().regex(/^[0-9a-f]{64}$/),
    hallName: z.string().min(1),
    hallCode: z.string().regex(/^[0-9A-Za-z]{1,12}$/),
    platformTime: z.number(),
  })
  .and(windowAssignment);
export type EnrolResponse = z.infer<typeof enrolResponse>;

/**
 * `GET /v1/hello` on a hall answers protocol v1's hello plus the window's current assignment,
 * so a workstation started in the wrong role learns it at once (it is also in the feed).
 */
export const hallHello = z
  .object({ protocol: z.number().int(), workstationId: z.string(), platformTime: z.number(), hallName: z.string(), hallCode: z.string() })
  .and(windowAssignment);
export type HallHello = z.infer<typeof hallHello>;

/** Refusal codes the hall adds to protocol v1's (HTTP status in the comment). */
export const HALL_CODES = {
  /** 401, signed: the hall admin revoked this window; it must enrol again. */
  revoked: 'REVOKED',
  /** 403: unknown, spent or expired enrolment code. */
  enrolmentInvalid: 'ENROLMENT_INVALID',
  /** 403, signed: the window's role does not allow this request (e.g. a counter asking for the board). */
  forbidden: 'FORBIDDEN',
  /** 404, signed: no such case or window known to the hall. */
  notFound: 'NOT_FOUND',
  /** 409, signed: a hand-over of a case the requesting window does not hold. */
  notHolder: 'NOT_HOLDER',
} as const;
