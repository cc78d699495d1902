import { AppError } from '../../shared/api/errors';
import { WorkstationConfig, type WorkstationConfigView } from '../../shared/api/settings';
import type { Db } from '../store/database';
import { appendEvents } from '../store/journal';
import { issueDetails } from '../../shared/api/issues';

const KEY = 'workstation';

/** The workstation configuration: validated on every write, stored as one JSON document. */
export class SettingsStore {
  private cached: WorkstationConfig | undefined;

  constructor(private readonly db: Db) {}

  get(): WorkstationConfig {
    if (this.cached) return this.cached;
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    const parsed = WorkstationConfig.safeParse(row ? JSON.parse(row.value) : {});
    // A stored config that no longer parses (edited by hand) falls back to the default rather
    // than locking the clerk out; `onewindow doctor` reports it.
    this.cached = parsed.success ? parsed.data : WorkstationConfig.parse({});
    return this.cached;
  }

  isStoredConfigValid(): boolean {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    return !row || WorkstationConfig.safeParse(JSON.parse(row.value)).success;
  }

  set(input: unknown, actor: string | null): WorkstationConfig {
    const parsed = WorkstationConfig.safeParse(input);
    if (!parsed.success) {
      throw new AppError('VALIDATION', '配置有误，请按提示修改', issueDetails(parsed.error));
    }
    const next = parsed.data;
    // An empty secret from the settings screen means "keep the provisioned one".
    if (!next.platform.secret) next.platform.secret = this.get().platform.secret;
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        )
        .run(KEY, JSON.stringify(next), new Date().toISOString());
      appendEvents(this.db, [
        { stream: 'workstation', type: 'settings.updated', payload: { mode: next.mode, window: next.window.number }, actor },
      ]);
    })();
    this.cached = next;
    return next;
  }
}

export function toConfigView(c: WorkstationConfig): WorkstationConfigView {
  const { secret, ...platform } = c.platform;
  return { ...c, platform: { ...platform, hasSecret: !!secret } };
}
