/** 一次性告知 and 不予受理 records (`pre-acceptance:<id>`): codes and counts only, no names. */
import { z } from 'zod';
import { defineEvent } from './common';

const Recorded = z.object({
  id: z.string(),
  number: z.string(),
  stage: z.number().int(),
  catalogVersion: z.string(),
  items: z.array(z.string()),
  materials: z.array(z.object({ code: z.string(), kind: z.string() })),
  reasons: z.number().int(),
  ground: z.string().nullable(),
  draftId: z.string().nullable(),
});

export const preAcceptanceEvents = [
  defineEvent('preAcceptance.notified', 1, Recorded),
  defineEvent('preAcceptance.rejected', 1, Recorded),
] as const;
