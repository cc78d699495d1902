/** Papers printed at the window, and documents rendered with glyphs the fonts lack. */
import { z } from 'zod';
import { Sha256, defineEvent } from './common';

const Printed = z.object({
  template: z.string(),
  documentSha256: Sha256,
  title: z.string(),
  printer: z.string(),
  copies: z.number().int(),
  outcome: z.string(),
  jobId: z.string().nullable(),
  message: z.string(),
  /** Why a paper was printed again (reprints only). */
  reason: z.string().optional(),
});

export const documentEvents = [
  defineEvent('document.printed', 1, Printed),
  defineEvent('document.reprinted', 1, Printed),
  defineEvent(
    'document.glyphsMissing',
    1,
    z.object({ template: z.string(), documentSha256: Sha256, count: z.number().int(), codePoints: z.array(z.string()) }),
  ),
] as const;
