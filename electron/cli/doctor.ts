import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { logDirOf } from '../log-files';
import { resolveDataDir } from '../store/paths';
import { schemaVersion } from '../store/database';
import { StoreDamagedError } from '../store/health';
import { openWorkstation } from '../workstation';
import { deviceInventory } from '../devices/device-inventory';
import { inventoryContext } from '../devices/inventory-from-settings';
import type { WorkstationConfig } from '../../shared/api/settings';
import type { CliIo } from './command';

interface Check {
  ok: boolean | 'warn';
  what: string;
  detail: string;
  fix?: string;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** One line per check with what to do; exit 1 when anything needed is missing. */
export async function runDoctor(dataDirFlag: string | undefined, io: CliIo): Promise<number> {
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({ ok: major >= 20, what: 'Node.js', detail: process.versions.node, fix: '请安装 Node.js 20 或更高版本' });

  const dataDir = resolveDataDir(dataDirFlag, io.env);
  let writable = true;
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch {
    writable = false;
  }
  checks.push({ ok: writable, what: '数据目录', detail: dataDir, fix: '请确认目录存在且当前用户可写，或用 --data-dir 指定' });
  checks.push({ ok: true, what: '日志目录', detail: `${logDirOf(dataDir)}（按天分文件，onewindow logs --since 1h 查看）` });

  let deviceChecks: Check[] = [];
  let config: WorkstationConfig | undefined;
  if (writable) {
    process.env.ONEWINDOW_LOG ??= 'silent';
    try {
      const ws = openWorkstation({ dataDir, hostKind: 'browser-host', noLock: true });
      try {
        checks.push({ ok: true, what: '数据库', detail: `结构版本 ${schemaVersion(ws.db)}` });
        checks.push({
          ok: ws.users.count() > 0 ? true : 'warn',
          what: '管理员账号',
          detail: ws.users.count() > 0 ? `${ws.users.count()} 个用户` : '尚未创建',
          fix: '运行 onewindow init 或在首次启动界面创建',
        });
        checks.push({
          ok: ws.settings.isStoredConfigValid() ? true : false,
          what: '工位配置',
          detail: ws.settings.isStoredConfigValid()
            ? `${ws.config().hall.name} ${ws.config().window.number}号窗口，${ws.config().mode === 'training' ? '培训模式' : '正式模式'}`
            : '已保存的配置无法解析',
          fix: '用 onewindow provision <配置文件> 重新部署',
        });
        deviceChecks = deviceReport(ws.config());
        config = ws.config();
      } finally {
        ws.close();
      }
    } catch (err) {
      if (err instanceof StoreDamagedError) {
        // The refusal already says what happened and what to do; doctor adds how to find a backup.
        checks.push({
          ok: false,
          what: '数据库',
          detail: err.message,
          fix: '备份文件是 onewindow backup 生成的单个文件（通常在信息科指定的备份目录）；恢复后再运行 onewindow doctor 和 onewindow audit verify 确认',
        });
      } else {
        checks.push({
          ok: false,
          what: '数据库',
          detail: err instanceof Error ? err.message : String(err),
          fix: '确认没有旧版本程序打开该数据目录；如数据库损坏请用备份恢复：onewindow restore <备份文件>',
        });
      }
    }
  }

  const tools: [string, string, string][] = [
    ['chromium', '浏览器宿主界面', 'apt-get install -y chromium'],
    ['scanimage', '扫描仪 (SANE)', 'apt-get install -y sane-utils'],
    ['lp', '打印 (CUPS)', 'apt-get install -y cups'],
    ['lpstat', '打印机状态 (CUPS)', 'apt-get install -y cups'],
    ['pdftotext', 'PDF 检查工具', 'apt-get install -y poppler-utils'],
  ];
  // Linux tools only: on Windows none of them exists, and nothing there needs them.
  for (const [cmd, what, fix] of process.platform === 'win32' ? [] : tools)
    checks.push({ ok: has(cmd) ? true : 'warn', what, detail: has(cmd) ? cmd : `${cmd} 未安装`, fix });

  checks.push(...deviceChecks);
  checks.push(...(await foundDevices(config, io.env)));
  let failures = 0;
  for (const c of checks) {
    const mark = c.ok === true ? 'ok  ' : c.ok === 'warn' ? 'warn' : 'FAIL';
    if (c.ok === false) failures++;
    io.out(`[${mark}] ${c.what}: ${c.detail}${c.ok !== true && c.fix ? ` — ${c.fix}` : ''}`);
  }
  io.out(failures === 0 ? '检查完成：可以使用。' : `检查完成：${failures} 项需要处理。`);
  return failures === 0 ? 0 : 1;
}

function deviceReport(c: import('../../shared/api/settings').WorkstationConfig): Check[] {
  const out: Check[] = [];
  const idc = c.devices.idcard;
  if (idc.driver === 'none')
    out.push({
      ok: 'warn',
      what: '身份证读卡器',
      detail: '未配置',
      fix: '在设置中选择读卡器端口，或用 onewindow devices idcard read --port <端口> 测试',
    });
  else if (idc.driver === 'simulator') out.push({ ok: true, what: '身份证读卡器', detail: '模拟读卡器（培训）' });
  else
    out.push({
      ok: !!idc.port && existsSync(idc.port),
      what: '身份证读卡器',
      detail: `${idc.port} @ ${idc.baudRate}`,
      fix: '端口不存在：检查USB线或在设置中改正端口',
    });

  const sc = c.devices.scanner;
  if (sc.driver === 'none')
    out.push({ ok: 'warn', what: '扫描仪', detail: '未配置', fix: '在设置中选择扫描仪（onewindow devices scanner list 可列出）' });
  else if (sc.driver === 'sane')
    out.push({ ok: has('scanimage'), what: '扫描仪', detail: sc.device ?? '默认设备', fix: 'apt-get install -y sane-utils' });
  else if (sc.driver === 'escl')
    out.push({ ok: true, what: '扫描仪', detail: `网络扫描仪（eSCL）${sc.device ?? '自动发现'}`, fix: '见下方设备列表中的测试结果' });
  else if (sc.driver === 'wia')
    out.push({
      ok: process.platform === 'win32',
      what: '扫描仪',
      detail: `WIA ${sc.device ?? '默认设备'}`,
      fix: 'WIA 仅在 Windows 上可用：请改用 SANE 或网络扫描仪（eSCL）',
    });
  else out.push({ ok: true, what: '扫描仪', detail: '模拟扫描仪（培训）' });

  for (const [slot, p] of Object.entries(c.devices.printers)) {
    const label = slot === 'notice' ? '文书打印机' : '回执打印机';
    if (p.kind === 'none')
      out.push({ ok: 'warn', what: label, detail: '未配置', fix: '在设置中选择打印机（onewindow devices printer list 可列出）' });
    else if (p.kind === 'cups') {
      const ok = !!p.name && spawnSync('lpstat', ['-p', p.name], { encoding: 'utf8' }).status === 0;
      out.push({ ok, what: label, detail: `CUPS ${p.name ?? ''}`, fix: '打印队列不存在或CUPS未运行：检查 lpstat -p' });
    } else if (p.kind === 'ipp')
      out.push({ ok: !!p.uri, what: label, detail: `IPP ${p.uri ?? '未填写地址'}`, fix: '在设置中选择或填写 ipp:// 打印机地址' });
    else out.push({ ok: true, what: label, detail: p.kind === 'folder' ? `输出到文件夹 ${p.folder ?? ''}` : 'Electron 静默打印' });
  }
  out.push({
    ok: c.platform.url ? true : 'warn',
    what: '中心平台',
    detail: c.platform.url ?? '未配置（离线工作）',
    fix: '在配置文件中填写 platform.url、workstationId 与 secret 后 provision',
  });
  return out;
}

const DRIVER_LABEL: Record<string, string> = {
  escl: 'eSCL 网络',
  sane: 'SANE',
  wia: 'WIA',
  twain: 'TWAIN',
  ipp: 'IPP',
  cups: 'CUPS',
  electron: '系统',
};

/** Every scanner and printer each driver finds on this OS, one line each with what to do. */
async function foundDevices(config: WorkstationConfig | undefined, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const found = await deviceInventory({ ...(config ? inventoryContext(config) : {}), env });
  const checks: Check[] = found.map((d) => ({
    ok: d.state === 'ready' ? true : 'warn',
    what: `发现${d.kind === 'scanner' ? '扫描仪' : '打印机'}（${DRIVER_LABEL[d.driver] ?? d.driver}）`,
    detail: `${d.label && d.label !== d.id ? `${d.label} ` : ''}${d.id}${d.state === 'ready' ? ` — ${d.message}` : ''}`,
    fix: d.message,
  }));
  if (!found.some((d) => d.kind === 'scanner'))
    checks.push({
      ok: 'warn',
      what: '发现扫描仪',
      detail: '本机未发现任何扫描仪',
      fix: '检查扫描仪电源和连接线；网络扫描仪请确认与本机同一网段，或设置 ONEWINDOW_ESCL_ADDRESSES',
    });
  if (!found.some((d) => d.kind === 'printer'))
    checks.push({ ok: 'warn', what: '发现打印机', detail: '本机未发现任何打印机', fix: '安装打印机驱动或在设置中填写 IPP 打印机地址' });
  return checks;
}
