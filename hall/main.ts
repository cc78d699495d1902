import { parseArgs } from 'node:util';
import { issueEnrolmentCode } from './core/enrolment';
import { backup, restore } from './backup';
import { setAdminPassword } from './admin/password';
import { startHall } from './server';
import { openHallDatabase } from './store/open';
import type { Sql } from './store/sql';

/**
 * `npm run hall` — the hall server. Embedded PGlite in ./hall-data by default; production:
 * `--database postgres://…` or ONEWINDOW_HALL_DATABASE. Subcommands: backup <file>,
 * restore <file>, reset-admin-password.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    database: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'hall-name': { type: 'string' },
    'hall-code': { type: 'string' },
  },
});

const database = values.database ?? process.env.ONEWINDOW_HALL_DATABASE ?? 'hall-data';
const shown = database.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

async function identity(sql: Sql): Promise<{ hallName: string; hallCode: string }> {
  const get = async (key: string, given: string | undefined, fallback: string): Promise<string> => {
    if (given)
      await sql.query('INSERT INTO hall_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key,
        given,
      ]);
    const [row] = await sql.query<{ value: string }>('SELECT value FROM hall_settings WHERE key = $1', [key]);
    return row?.value ?? fallback;
  };
  const hallCode = await get('hall.code', values['hall-code'], 'HALL');
  if (!/^[0-9A-Za-z]{1,12}$/.test(hallCode)) throw new Error('大厅代码只能由 1–12 位字母或数字组成（用于办件编号前缀）');
  return { hallName: await get('hall.name', values['hall-name'], '政务服务大厅'), hallCode };
}

async function main(): Promise<void> {
  const [command, file] = positionals;
  if (command === 'backup' || command === 'restore') {
    if (!file) throw new Error(`用法：npm run hall -- ${command} <文件> [--database …]`);
    await (command === 'backup' ? backup(database, file) : restore(database, file));
    console.log(`${command === 'backup' ? '已备份' : '已恢复'}：${shown} ${command === 'backup' ? '→' : '←'} ${file}`);
    return;
  }
  const sql = await openHallDatabase(database);
  if (command === 'reset-admin-password') {
    console.log(`新的大厅管理员密码：${await setAdminPassword(sql)}`);
    await sql.close();
    return;
  }
  if (command) throw new Error(`未知命令 ${command}：可用 backup、restore、reset-admin-password`);
  const hall = await startHall({ sql, hall: await identity(sql), port: Number(values.port ?? 8780), host: values.host ?? '127.0.0.1' });
  console.log(`一窗通大厅服务器已启动（${sql.engine === 'pglite' ? `内嵌 PGlite，数据目录 ${shown}` : `PostgreSQL ${shown}`}）`);
  console.log(`Hall admin page: ${hall.url}/admin`);
  if (hall.admin.firstPassword) console.log(`Hall admin password (shown once, keep it): ${hall.admin.firstPassword}`);
  const enrolled = await sql.query('SELECT 1 FROM workstations LIMIT 1');
  if (enrolled.length === 0) {
    const code = await issueEnrolmentCode(sql, { windowName: '1号窗口', role: 'counter', department: null }, new Date());
    console.log(`First enrolment code (1号窗口, 综合受理窗口): ${code}`);
  }
  const stop = (): void => {
    void hall
      .close()
      .then(() => sql.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`大厅服务器未能启动：${(err as Error).message}`);
  process.exit(1);
});
