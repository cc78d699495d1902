import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from './seed';
import { startPlatform } from './server';

/**
 * `npm run platform`: a reference platform for training and demos on 127.0.0.1.
 *   --port <n>  (or ONEWINDOW_PLATFORM_PORT; default 8765)
 *   --db <file> (or ONEWINDOW_PLATFORM_DB)
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
const dbFile = values.db ?? env.ONEWINDOW_PLATFORM_DB ?? join(tmpdir(), 'onewindow-platform', 'platform.db');
const workstationId = values.workstation ?? env.ONEWINDOW_PLATFORM_WORKSTATION ?? 'WS-TRAINING-01';
const secret = values.secret ?? env.ONEWINDOW_PLATFORM_SECRET ?? 'training-only-secret-0123456789';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效：${String(values.port ?? env.ONEWINDOW_PLATFORM_PORT)}（应为 0-65535）`);
  process.exit(2);
}
mkdirSync(dirname(dbFile), { recursive: true });
const platform = await startPlatform({ port, dbFile, workstations: [{ id: workstationId, secret }] });
seedDemo(platform, workstationId);
console.log(`一窗通 参考中心平台（培训/演示用）已启动：${platform.url}`);
console.log(`数据文件：${dbFile}`);
console.log('在工作站配置中填写：');
console.log(JSON.stringify({ platform: { url: platform.url, workstationId, secret } }, null, 2));
console.log('按 Ctrl+C 停止。');
const stop = (): void => {
  void platform.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
