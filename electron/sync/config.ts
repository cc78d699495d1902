import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { issueDetails } from '../../shared/api/issues';

/** The provisioned platform credentials and the relay's tunables (defaults suit production). */
export const syncConfigSchema = z.object({
  platform: z.object({
    url: z.string().url(),
    workstationId: z.string().min(1),
    secret: z.string().min(16),
  }),
  batchSize: z.number().int().min(1).max(500).default(200),
  chunkBytes: z
    .number()
    .int()
    .min(1024)
    .max(8 * 1024 * 1024)
    .default(1024 * 1024),
  /** Refusals as invalid before an event is parked. */
  maxInvalidAttempts: z.number().int().min(1).default(5),
  /**
   * After progress the first failure is most likely a blip: it is retried after `firstMs` (never
   * more than baseMs); further failures in a row double from baseMs up to maxMs (an outage).
   */
  backoff: z
    .object({ baseMs: z.number().positive(), maxMs: z.number().positive(), firstMs: z.number().positive().default(100) })
    .default({ baseMs: 250, maxMs: 5 * 60_000, firstMs: 100 }),
  /** How long the relay sleeps when nothing is queued before it looks (and pulls) again. */
  idlePollMs: z.number().positive().default(60_000),
  pullIntervalMs: z
    .number()
    .positive()
    .default(5 * 60_000),
  pullPageSize: z.number().int().min(1).max(1000).default(200),
  requestTimeoutMs: z.number().positive().default(30_000),
  /** How often, at most, the relay hands the platform a checkpoint of the journal's chain head. */
  checkpointIntervalMs: z
    .number()
    .nonnegative()
    .default(5 * 60_000),
  /** Beyond this the sync panel shows the clock difference to the platform. */
  skewThresholdMs: z
    .number()
    .nonnegative()
    .default(2 * 60_000),
});
export type SyncConfigInput = z.input<typeof syncConfigSchema>;
export type SyncConfig = z.output<typeof syncConfigSchema>;

export function parseSyncConfig(input: unknown): SyncConfig {
  const result = syncConfigSchema.safeParse(input);
  if (!result.success) {
    throw new AppError(
      'VALIDATION',
      '平台同步配置不完整或有误（需要平台地址、工作站编号和密钥）：请联系信息科重新下发工作站配置',
      issueDetails(result.error),
    );
  }
  return result.data;
}
