import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli';
import { hallAssignment } from '../../../electron/hall/assignment';
import { openWorkstation } from '../../../electron/workstation';
import { issueEnrolmentCode } from '../../../hall/core/enrolment';
import { startHall, type HallServer } from '../../../hall/server';
import { openHallDatabase } from '../../../hall/store/open';
import type { Sql } from '../../../hall/store/sql';

/** `onewindow provision --code` against the real hall server (PGlite in memory). */
describe('onewindow provision --code <登记码> --hall <地址>', () => {
  let sql: Sql;
  let hall: HallServer;
  let dir: string;
  beforeAll(async () => {
    process.env.ONEWINDOW_LOG = 'silent';
    dir = mkdtempSync(join(tmpdir(), 'ow-hall-cli-'));
    sql = await openHallDatabase('memory');
    hall = await startHall({ sql, hall: { hallName: '宾县政务服务中心', hallCode: 'BX' }, port: 0 });
  }, 60_000);
  afterAll(async () => {
    await hall?.close();
    await sql?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(args: string[]): Promise<{ code: number; text: string }> {
    const lines: string[] = [];
    const code = await runCli(args, { out: (l) => lines.push(l), err: (l) => lines.push(l), env: {} });
    return { code, text: lines.join('\n') };
  }

  it('enrols the window: credentials and role stored, the secret never printed', async () => {
    const code = await issueEnrolmentCode(sql, { windowName: '统一出件窗口', role: 'issuing', department: null }, new Date());
    const r = await cli(['provision', '--code', code, '--hall', hall.url, '--data-dir', join(dir, 'data')]);
    expect(r.code).toBe(0);
    expect(r.text).toContain('已登记到 宾县政务服务中心：统一出件窗口（统一出件窗口）');
    const ws = openWorkstation({ dataDir: join(dir, 'data'), hostKind: 'browser-host', noLock: true });
    try {
      const platform = ws.config().platform;
      expect(platform.url).toBe(hall.url);
      expect(platform.secret).toMatch(/^[0-9a-f]{64}$/);
      expect(r.text).not.toContain(platform.secret);
      expect(hallAssignment(ws.db)).toMatchObject({ role: 'issuing', hallCode: 'BX', workstationId: platform.workstationId });
    } finally {
      ws.close();
    }
  });

  it('a spent code is refused in one Chinese line, exit 1', async () => {
    const code = await issueEnrolmentCode(sql, { windowName: '5号窗口', role: 'counter', department: null }, new Date());
    expect((await cli(['provision', '--code', code, '--hall', hall.url, '--data-dir', join(dir, 'data2')])).code).toBe(0);
    const again = await cli(['provision', '--code', code, '--hall', hall.url, '--data-dir', join(dir, 'data3')]);
    expect(again.code).toBe(1);
    expect(again.text).toBe('登记码无效、已使用或已过期：请向大厅管理员申请新的登记码');
  });

  it('without the hall address it says what is missing, exit 2', async () => {
    const r = await cli(['provision', '--code', 'K7QX-M4RT-9HWC', '--data-dir', join(dir, 'data4')]);
    expect(r.code).toBe(2);
    expect(r.text).toContain('缺少大厅服务器地址');
  });
});
