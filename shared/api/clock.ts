import { z } from 'zod';
import { IsoDateTime, method } from './contract-kit';

/**
 * The workstation's clock, for tests only: a host started with `--test-clock` lets an e2e spec
 * set or advance the time every date on screen and in the store derives from. Any other host
 * refuses both methods.
 */
export const ClockState = z.object({ now: IsoDateTime, injected: z.boolean() });

export const clockMethods = {
  'system.clock.set': method({
    input: z.object({ at: IsoDateTime }).strict(),
    output: ClockState,
    access: 'public',
    summary: 'test hosts only: set the injected clock',
  }),
  'system.clock.advance': method({
    input: z
      .object({
        ms: z
          .number()
          .int()
          .min(0)
          .max(400 * 86_400_000),
      })
      .strict(),
    output: ClockState,
    access: 'public',
    summary: 'test hosts only: advance the injected clock',
  }),
};
