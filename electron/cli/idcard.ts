/**
 * IT diagnostics for the ID card reader: read one card from a port, run the training simulator
 * on a real port, list serial ports and configured devices. `devices idcard read` prints the
 * full ID number on purpose: it is the installer's check that the reader works.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SerialPort } from 'serialport';
import {
  SAM_BAUD_RATES,
  idCardReaderConfigSchema,
  type IdCard,
  type IdCardError,
  type IdCardReaderConfig,
} from '../../shared/domain/idcard';
import { createIdCardReader } from '../devices/idcard/reader';
import { SamSimulator } from '../devices/idcard/simulator/sam-simulator';
import { runSimulatorOnPort } from '../devices/idcard/simulator/serial-simulator';
import { loadTrainingCard, loadTrainingCards, type TrainingCard } from '../devices/idcard/simulator/training-cards';
import { CliError, type CliCommand, type CliIo } from './command';
import { openForCli } from './store-access';
import { issueDetails } from '../../shared/api/issues';

export const EXIT_USAGE = 2;
export const EXIT_TIMEOUT = 3;
export const EXIT_NO_READER = 4;
export const EXIT_SAM_ERROR = 5;

function parse(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  usage: string,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)}; usage: ${usage}`, EXIT_USAGE);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function baudOption(value: string | boolean | undefined): number {
  if (value === undefined) return 115200;
  const rate = Number(value);
  if (!(SAM_BAUD_RATES as readonly number[]).includes(rate))
    throw new CliError(`--baud must be one of ${SAM_BAUD_RATES.join(', ')}`, EXIT_USAGE);
  return rate;
}

/** The diagnostic's JSON: the card's fields, and the photo described rather than dumped. */
export function cardForCli(card: IdCard): Record<string, unknown> {
  const { photo, ...fields } = card;
  return { ...fields, photo: { format: photo.format, bytes: photo.bytes, sha256: photo.sha256, decoded: photo.bmpBase64 !== null } };
}

function printCard(card: IdCard, io: CliIo): void {
  const line = (label: string, value: string | number | null): void => {
    if (value !== null && value !== '') io.out(`${label}：${value}`);
  };
  line('证件类型', card.cardType);
  line('姓名', card.name);
  line('英文姓名', card.englishName);
  line('性别', `${card.sex}（${card.sexCode}）`);
  line('民族', card.ethnicity === null ? card.ethnicityCode : `${card.ethnicity}（${card.ethnicityCode}）`);
  line('出生日期', card.birthDate);
  line('住址', card.address);
  line('证件号码', `${card.idNumber}${card.idNumberValid ? '' : '（校验不通过）'}`);
  line('签发机关', card.authority);
  line('有效期限', `${card.validFrom} 至 ${card.validTo}`);
  line('国籍', card.nationality);
  line('通行证号码', card.passNumber);
  line('签发次数', card.issueCount);
  line('换证次数', card.renewalCount);
  line('最新住址', card.newAddress);
  line('照片', `${card.photo.format.toUpperCase()} ${card.photo.bytes} 字节 sha256 ${card.photo.sha256}`);
  for (const warning of card.warnings) io.out(`注意：${warning.message}`);
}

const readUsage = 'onewindow devices idcard read --port <path> [--baud <rate>] [--timeout <seconds>] [--json]';
const readExitCodes = '退出码：0 读到证件，2 用法错误，3 超时未读到证件，4 没有可用的读卡器，5 读卡器安全模块报错';

const readCommand: CliCommand = {
  path: ['devices', 'idcard', 'read'],
  summary: '等待一张身份证并打印内容（显示完整号码，仅供安装调试）',
  usage: `${readUsage}\n${readExitCodes}`,
  async run(args, io) {
    const values = parse(
      args,
      { port: { type: 'string' }, baud: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' } },
      readUsage,
    );
    const port = values.port;
    if (typeof port !== 'string' || port === '') throw new CliError(`--port is required; usage: ${readUsage}`, EXIT_USAGE);
    const baudRate = baudOption(values.baud);
    const timeoutSeconds = values.timeout === undefined ? 30 : Number(values.timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
      throw new CliError('--timeout must be a positive number of seconds', EXIT_USAGE);

    const reader = createIdCardReader({ driver: 'serial', port, baudRate, pollIntervalMs: 200, probeRates: false });
    if (!values.json) io.err(`正在等待证件（${port}，${baudRate} bps，最长 ${timeoutSeconds} 秒）…`);
    const outcome = await new Promise<{ card: IdCard } | { error: IdCardError } | { timeout: true }>((resolve) => {
      const timer = setTimeout(() => resolve({ timeout: true }), timeoutSeconds * 1000);
      reader.on('card', (card) => {
        clearTimeout(timer);
        resolve({ card });
      });
      reader.on('error', (error) => {
        clearTimeout(timer);
        resolve({ error });
      });
      reader.start();
    });
    await reader.stop();

    if ('card' in outcome) {
      if (values.json) io.out(JSON.stringify(cardForCli(outcome.card)));
      else printCard(outcome.card, io);
      return 0;
    }
    // One line each, in Chinese, with what to do: IT reads these on the clerk's PC.
    if ('timeout' in outcome)
      throw new CliError(
        `${timeoutSeconds} 秒内未从 ${port} 读到证件：读卡器没有应答或没有放证件，请放好证件、检查串口线后重试`,
        EXIT_TIMEOUT,
      );
    const { error } = outcome;
    if (error.sw3 !== undefined)
      throw new CliError(`读卡器安全模块报错（SW3=${error.sw3}，${error.code}）：${oneLine(error.message)}`, EXIT_SAM_ERROR);
    throw new CliError(`${port} 上没有可用的读卡器（${error.code}）：${oneLine(error.message)}`, EXIT_NO_READER);
  },
};

const simulateUsage =
  'onewindow devices idcard simulate --port <pty-path> --card <file|training-card-id> [--baud <rate>] [--no-card] [--self-test-fail] [--chunk <bytes>] [--delay <ms>] [--pace]';

function resolveCard(card: string): TrainingCard {
  if (existsSync(card)) {
    try {
      return loadTrainingCard(card);
    } catch (err) {
      throw new CliError(`cannot load card file ${card}: ${err instanceof Error ? err.message : String(err)}`, EXIT_USAGE);
    }
  }
  const found = loadTrainingCards().find((c) => c.id === card);
  if (!found) throw new CliError(`no card file or training card named ${card}`, EXIT_USAGE);
  return found;
}

const simulateCommand: CliCommand = {
  path: ['devices', 'idcard', 'simulate'],
  summary: '在真实串口或 PTY 上运行培训用模拟读卡器',
  usage: simulateUsage,
  async run(args, io) {
    const values = parse(
      args,
      {
        port: { type: 'string' },
        card: { type: 'string' },
        baud: { type: 'string' },
        'no-card': { type: 'boolean' },
        'self-test-fail': { type: 'boolean' },
        chunk: { type: 'string' },
        delay: { type: 'string' },
        pace: { type: 'boolean' },
      },
      simulateUsage,
    );
    const port = values.port;
    if (typeof port !== 'string' || port === '') throw new CliError(`--port is required; usage: ${simulateUsage}`, EXIT_USAGE);
    const baudRate = baudOption(values.baud);
    const chunk = values.chunk === undefined ? undefined : Number(values.chunk);
    const delay = values.delay === undefined ? undefined : Number(values.delay);
    if (chunk !== undefined && !(Number.isInteger(chunk) && chunk > 0))
      throw new CliError('--chunk must be a positive whole number of bytes', EXIT_USAGE);
    if (delay !== undefined && !(Number.isFinite(delay) && delay >= 0)) throw new CliError('--delay must be milliseconds >= 0', EXIT_USAGE);

    const card = typeof values.card === 'string' ? resolveCard(values.card) : null;
    if (!card && !values['no-card']) throw new CliError(`--card is required (or --no-card); usage: ${simulateUsage}`, EXIT_USAGE);
    const simulator = new SamSimulator({
      cards: card ? [card] : [],
      baudRate,
      faults: {
        samSelfTestFailure: values['self-test-fail'] === true,
        chunkSize: chunk,
        chunkDelayMs: delay,
        paceBaudRate: values.pace ? baudRate : undefined,
      },
    });
    if (card && !values['no-card']) simulator.place(card);

    let running;
    try {
      running = await runSimulatorOnPort(simulator, port, { baudRate });
    } catch (err) {
      throw new CliError(`cannot open ${port}: ${err instanceof Error ? err.message : String(err)}`, EXIT_NO_READER);
    }
    io.out(`simulator listening on ${port}${card ? `, card: ${card.label}` : ', no card placed'}`);
    const stop = (): void => void running.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const result = await running.closed;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (result.reason === 'lost') throw new CliError(`port ${port} went away: ${result.error?.message ?? 'unknown'}`, EXIT_NO_READER);
    io.out(`simulator stopped (${simulator.counters.requests} requests answered)`);
    return 0;
  },
};

const listUsage = 'onewindow devices list [--data-dir <dir>] [--config <workstation.json>] [--json]';

/** Reads the ID card reader settings from a workstation config file ({ devices: { idcard } }). */
export function idCardConfigFromFile(file: string): IdCardReaderConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, EXIT_USAGE);
  }
  const devices = typeof json === 'object' && json !== null ? (json as { devices?: unknown }).devices : undefined;
  const idcard = typeof devices === 'object' && devices !== null ? (devices as { idcard?: unknown }).idcard : undefined;
  const parsed = idCardReaderConfigSchema.safeParse(idcard ?? {});
  if (!parsed.success)
    throw new CliError(
      `devices.idcard in ${file} is invalid: ${issueDetails(parsed.error)
        .map((d) => `${d.path}: ${d.message}`)
        .join('; ')}`,
      EXIT_USAGE,
    );
  return parsed.data;
}

function workstationIdCardConfig(dataDir: string | undefined, io: CliIo): IdCardReaderConfig {
  const ws = openForCli(dataDir, io);
  try {
    return ws.config().devices.idcard;
  } finally {
    ws.close();
  }
}

const listCommand: CliCommand = {
  path: ['devices', 'list'],
  summary: '列出串口和本工位已配置的设备',
  usage: listUsage,
  async run(args, io) {
    const values = parse(args, { config: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, listUsage);
    const configFile = typeof values.config === 'string' ? values.config : io.env.ONEWINDOW_CONFIG;
    // Without a config file: the settings stored in this workstation's data directory.
    const idcard = configFile
      ? idCardConfigFromFile(configFile)
      : workstationIdCardConfig(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined, io);
    const ports = await SerialPort.list().catch((err: unknown) => {
      throw new CliError(`cannot list serial ports: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (values.json) {
      io.out(JSON.stringify({ serialPorts: ports, devices: { idcard } }));
      return 0;
    }
    io.out('Serial ports:');
    if (ports.length === 0) io.out('  (none)');
    for (const p of ports) {
      const ids = p.vendorId ? ` ${p.vendorId}:${p.productId ?? '?'}` : '';
      const mark = idcard?.driver === 'serial' && idcard.port === p.path ? '  <- ID card reader' : '';
      io.out(`  ${p.path}${p.manufacturer ? `  ${p.manufacturer}` : ''}${ids}${mark}`);
    }
    io.out('Configured devices:');
    if (idcard.driver === 'none') io.out('  idcard: not configured');
    else {
      const listed =
        idcard.driver === 'serial' && !ports.some((p) => p.path === idcard.port)
          ? ' (not in the port list: unplugged, or a virtual port)'
          : '';
      io.out(
        `  idcard: ${idcard.driver} ${idcard.port ?? ''} ${idcard.baudRate} bps, poll ${idcard.pollIntervalMs} ms${idcard.probeRates ? ', probe rates' : ''}${listed}`,
      );
    }
    return 0;
  },
};

export const commands: CliCommand[] = [readCommand, simulateCommand, listCommand];
