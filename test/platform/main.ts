import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from './seed';
import { startPlatform } from './server';

/**
 * `npm run platform`: a reference platform for training and demos on 127.0.0.1 — the real hall
 * server (embedded PGlite in a data directory, or PostgreSQL) behind the test platform's proxy,
 * with one training workstation registered and demo content seeded.
 *   --port <n>  (or ONEWINDOW_PLATFORM_PORT; default 8765)
 *   --db <dir or postgres://…> (or ONEWINDOW_PLATFORM_DB)
 *   --workstation <id> --secret <s> (or ONEWINDOW_PLATFORM_WORKSTATION / _SECRET)
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    db: { type: 'string' },
    workstation: { type: 'string' },
    secret: { type: 'string' },
  },
});
const env = process.env;
const port = Number(values.port ?? env.ONEWINDOW_PLATFORM_PORT ?? '8765');
const database = values.db ?? env.ONEWINDOW_PLATFORM_DB ?? join(tmpdir(), 'onewindow-platform', 'hall');
const workstationId = values.workstation ?? env.ONEWINDOW_PLATFORM_WORKSTATION ?? 'WS-TRAINING-01';
const secret = values.secret ?? env.ONEWINDOW_PLATFORM_SECRET ?? 'training-only-secret-0123456789';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效：${String(values.port ?? env.ONEWINDOW_PLATFORM_PORT)}（应为 0-65535）`);
  process.exit(2);
}
const external = /^postgres(ql)?:\/\//.test(database);
if (!external) mkdirSync(database, { recursive: true });
try {
  const platform = await startPlatform({ port, database, workstations: [{ id: workstationId, secret }] });
  await seedDemo(platform, workstationId);
  console.log(`一窗通 参考中心平台（培训/演示用）已启动：${platform.url}`);
  console.log(external ? `数据库：${database.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}` : `数据目录（内嵌 PGlite）：${database}`);
  console.log(`大厅管理页面：${platform.url}/admin`);
  if (platform.hall.admin.firstPassword) console.log(`大厅管理员密码（只显示这一次）：${platform.hall.admin.firstPassword}`);
  console.log('在工作站配置中填写：');
  console.log(JSON.stringify({ platform: { url: platform.url, workstationId, secret } }, null, 2));
  console.log('按 Ctrl+C 停止。');
  const stop = (): void => {
    void platform.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`参考中心平台未能启动：${(err as Error).message}`);
  process.exit(1);
}
