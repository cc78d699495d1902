/**
 * Shapes several event families share. They describe what the journal stores, not what a form
 * accepts: no length limits or Chinese messages here (inputs are checked before a command runs),
 * and they are kept apart from shared/api so a change to an input does not silently change the
 * stored history — the additive-only guard (test/unit/journal/additive.test.ts) watches these.
 */
import { z } from 'zod';

/** An ISO date (YYYY-MM-DD) in Asia/Shanghai, as the working-day calendar counts. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const TimeLimit = z.object({ value: z.number(), unit: z.enum(['workday', 'natural-day']) });

/** A material as handed over (or reused) at acceptance or supplement. */
export const MaterialRef = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string(),
  blobRefs: z.array(Sha256),
  ref: z.string().nullable(),
  originals: z.number().optional(),
  copies: z.number().optional(),
  pages: z.number().optional(),
  fromForm: z.boolean().optional(),
});

/** An applicant or agent as the clerk entered them (the ID number is kept: it is the legal record). */
export const Person = z.object({
  name: z.string(),
  certificateType: z.string().optional(),
  idNumber: z.string().optional(),
  passNumber: z.string().optional(),
  englishName: z.string().optional(),
  nationality: z.string().optional(),
  phone: z.string().optional(),
});

export const Decision = z.enum(['approve', 'deny']);

/** One event type at one version: its literal name, its version and its payload's schema. */
export interface EventDefinition<T extends string = string, S extends z.ZodObject = z.ZodObject> {
  type: T;
  version: number;
  payload: S;
}

export function defineEvent<T extends string, S extends z.ZodObject>(type: T, version: number, payload: S): EventDefinition<T, S> {
  return { type, version, payload };
}
