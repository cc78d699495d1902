/**
 * The ID card reader at the window: opens the configured port, checks the SAM, polls for a
 * card and reports each placement once as a parsed, checked card. Losing the reader is an
 * event and a reconnect loop with backoff, never a hang or a crash.
 */
import type { SerialBinding } from './serial-binding';
import { SerialPort } from 'serialport';
import { maskIdNumber, maskName } from '../../../shared/domain/identifiers';
import {
  CardParseError,
  SAM_BAUD_RATES,
  idCardReaderConfigSchema,
  type DeviceStatus,
  type IdCard,
  type IdCardError,
  type IdCardReaderConfig,
  type IdCardReaderConfigInput,
} from '../../../shared/domain/idcard';
import { assembleCard, localToday, splitReadReply } from './card-assembly';
import type { Reply } from './frame-codec';
import { throttleRepeats } from './log-throttle';
import { loadPhotoDecoder, type PhotoDecoder } from './photo-decoder';
import { LinkError, SamLink } from './sam-link';
import { SAM, SW3_FOUND, SW3_NO_CARD, SW3_NO_CONTENT, SW3_OK, SamStatusError, sw3Hex } from './sam-protocol';
import { SamSimulator } from './simulator/sam-simulator';
import { SIMULATOR_PORT_PATH, SimulatorBinding } from './simulator/simulator-binding';
import { loadTrainingCards, type TrainingCardSummary } from './simulator/training-cards';
import { TypedEvents } from './typed-events';

export interface ReaderTiming {
  /** Status, find, select, new address. */
  commandTimeoutMs: number;
  /** The 1295-byte read: 112 ms of wire time at 115200, 1.35 s at 9600. */
  readTimeoutMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** How often to look for a USB reader in the OS port list while connected. */
  presenceCheckMs: number;
  /** Timeouts in a row after which the reader is taken for gone and reopened. */
  timeoutsBeforeReconnect: number;
}

export const DEFAULT_TIMING: ReaderTiming = {
  commandTimeoutMs: 1000,
  readTimeoutMs: 3000,
  backoffInitialMs: 250,
  backoffMaxMs: 5000,
  presenceCheckMs: 2000,
  timeoutsBeforeReconnect: 3,
};

export interface IdCardReaderDeps {
  /** serialport binding; defaults to the OS binding, or the simulator's for driver 'simulator'. */
  binding?: SerialBinding;
  /** The training reader to use for driver 'simulator' (default: one with the training cards). */
  simulator?: SamSimulator;
  trainingCardsDir?: string;
  photoDecoder?: PhotoDecoder | null;
  /** Log lines never contain a full name or ID number. */
  log?: (line: string) => void;
  /** Today as YYYY-MM-DD, for the expiry check. */
  today?: () => string;
  timing?: Partial<ReaderTiming>;
  /** Repeated log lines of one kind are logged once per this interval (default 10 s; 0 logs all). */
  logRepeatIntervalMs?: number;
}

export interface IdCardReaderEvents extends Record<string, unknown> {
  card: IdCard;
  status: DeviceStatus;
  error: IdCardError;
}

/** What the trainer's place/lift buttons call in training mode. */
export interface TrainingControls {
  listTrainingCards(): TrainingCardSummary[];
  place(cardId: string): void;
  lift(): void;
  placedCardId(): string | null;
  /** The simulator itself, for fault injection in tests. */
  readonly simulator: SamSimulator;
}

const NOT_CONFIGURED: DeviceStatus = { state: 'not-configured', message: '未配置身份证读卡器，可在设置中选择串口读卡器或培训模拟读卡器' };

class Stopped extends Error {}

export class IdCardReader extends TypedEvents<IdCardReaderEvents> {
  readonly config: IdCardReaderConfig;
  readonly training: TrainingControls | null;
  private readonly binding: SerialBinding | null;
  private readonly timing: ReaderTiming;
  private readonly log: (line: string) => void;
  private readonly today: () => string;
  private photoDecoder: PhotoDecoder | null;
  private photoDecoderProblem: string | null = null;
  private current: DeviceStatus = NOT_CONFIGURED;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private link: SamLink | null = null;
  private wake: (() => void) | null = null;
  private lastErrorCode: string | null = null;
  private activeBaud: number | null = null;

  constructor(config: IdCardReaderConfigInput, deps: IdCardReaderDeps = {}) {
    super();
    this.config = idCardReaderConfigSchema.parse(config);
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    const log = deps.log ?? (() => undefined);
    this.log = deps.logRepeatIntervalMs === 0 ? log : throttleRepeats(log, deps.logRepeatIntervalMs ?? 10_000);
    this.today = deps.today ?? (() => localToday());
    this.photoDecoder = deps.photoDecoder ?? null;
    if (this.config.driver === 'simulator') {
      const simulator = deps.simulator ?? new SamSimulator({ cards: loadTrainingCards(deps.trainingCardsDir) });
      this.binding = deps.binding ?? new SimulatorBinding(simulator, this.config.port ?? SIMULATOR_PORT_PATH);
      this.training = {
        simulator,
        listTrainingCards: () => simulator.listTrainingCards(),
        place: (cardId) => simulator.place(cardId),
        lift: () => simulator.lift(),
        placedCardId: () => simulator.placedCard?.id ?? null,
      };
    } else {
      this.binding = this.config.driver === 'serial' ? (deps.binding ?? SerialPort.binding) : null;
      this.training = null;
    }
  }

  get portPath(): string | null {
    if (this.config.driver === 'none') return null;
    return this.config.port ?? SIMULATOR_PORT_PATH;
  }

  /** The rate the SAM answered at (after probing), once connected. */
  get baudRate(): number | null {
    return this.activeBaud;
  }

  status(): DeviceStatus {
    return this.current;
  }

  start(): void {
    if (this.loop) return;
    if (!this.binding || this.config.driver === 'none') {
      // No reader configured: say so, and invent nothing.
      this.setStatus(NOT_CONFIGURED);
      return;
    }
    this.stopping = false;
    this.setStatus({ state: 'connecting', message: `正在连接读卡器（${this.portPath}）…` });
    this.loop = this.supervise(this.binding);
  }

  /**
   * The loop handles every failure it knows; anything else must not end reading for the day.
   * It is logged, shown on the badge, and the loop starts again after the longest backoff.
   */
  private async supervise(binding: SerialBinding): Promise<void> {
    while (!this.stopping) {
      try {
        await this.run(binding);
        return;
      } catch (err) {
        this.log(`idcard: reader loop ended unexpectedly, restarting: ${err instanceof Error ? err.message : String(err)}`);
        await this.link?.close().catch(() => undefined);
        this.link = null;
        if (this.stopping) return;
        this.setStatus({ state: 'error', message: '读卡器出现意外错误，正在自动重新连接…' });
        await this.sleep(this.timing.backoffMaxMs);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.link?.close();
    await this.loop;
    this.loop = null;
    if (this.config.driver !== 'none') this.setStatus({ state: 'disconnected', message: '读卡器已停止使用' });
  }

  private async run(binding: SerialBinding): Promise<void> {
    if (!this.photoDecoder && this.config.photoDecoder) {
      try {
        this.photoDecoder = await loadPhotoDecoder(this.config.photoDecoder);
      } catch (err) {
        this.photoDecoderProblem = err instanceof Error ? err.message : String(err);
        this.raise({ code: 'photo-decoder', message: this.photoDecoderProblem });
      }
    }
    let backoff = this.timing.backoffInitialMs;
    while (!this.stopping) {
      // While reconnecting the badge keeps saying why; flicking to "connecting" on every retry helps nobody.
      if (this.current.state !== 'disconnected' && this.current.state !== 'error') {
        this.setStatus({ state: 'connecting', message: `正在连接读卡器（${this.portPath}）…` });
      }
      try {
        const link = await this.connect(binding);
        backoff = this.timing.backoffInitialMs;
        await this.poll(binding, link);
      } catch (err) {
        if (err instanceof Stopped || this.stopping) break;
        this.onFailure(err);
      } finally {
        await this.link?.close();
        this.link = null;
      }
      if (this.stopping) break;
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, this.timing.backoffMaxMs);
    }
  }

  private async connect(binding: SerialBinding): Promise<SamLink> {
    const path = this.portPath!;
    const rates = this.config.probeRates
      ? [this.config.baudRate, ...SAM_BAUD_RATES.filter((r) => r !== this.config.baudRate)]
      : [this.config.baudRate];
    for (const baudRate of rates) {
      if (this.stopping) throw new Stopped();
      const port = await binding.open({ path, baudRate });
      const link = new SamLink(port, {
        log: this.log,
        onLost: (cause) => {
          this.log(`idcard: port ${path} lost: ${cause.message}`);
          this.wake?.();
        },
      });
      this.link = link;
      let reply: Reply;
      try {
        reply = await link.request(SAM.status[0], SAM.status[1], this.timing.commandTimeoutMs);
      } catch (err) {
        if (err instanceof LinkError && (err.failure === 'timeout' || err.failure === 'corrupt')) {
          await link.close();
          continue;
        }
        throw err;
      }
      if (reply.sw3 !== SW3_OK) throw new SamStatusError(reply.sw3);
      this.activeBaud = baudRate;
      this.log(`idcard: SAM ready on ${path} at ${baudRate} bps`);
      return link;
    }
    throw new NoAnswerError(path, rates);
  }

  private async poll(binding: SerialBinding, link: SamLink): Promise<void> {
    const path = this.portPath!;
    // Only a port the OS lists (USB) can be watched in the list; a PTY never appears there.
    const watchList = (await binding.list().catch(() => [])).some((p) => p.path === path);
    let lastPresenceCheck = Date.now();
    let cardPresent = false;
    let timeouts = 0;
    this.lastErrorCode = null;
    this.setStatus({ state: 'ready', message: '读卡器已就绪，请将证件放在读卡区' });
    while (!this.stopping) {
      if (!link.isOpen) throw new LinkError('lost', '读卡器连接已断开');
      if (watchList && Date.now() - lastPresenceCheck >= this.timing.presenceCheckMs) {
        lastPresenceCheck = Date.now();
        const listed = (await binding.list().catch(() => [])).some((p) => p.path === path);
        if (!listed) throw new LinkError('lost', '读卡器已从系统中移除');
      }
      try {
        const find = await link.request(SAM.findCard[0], SAM.findCard[1], this.timing.commandTimeoutMs);
        timeouts = 0;
        if (find.sw3 === SW3_NO_CARD) {
          if (cardPresent) this.log('idcard: card lifted');
          cardPresent = false;
        } else if (find.sw3 === SW3_FOUND) {
          // One report per placement: the card stays "present" until a find says there is none.
          if (!cardPresent) cardPresent = await this.readCard(link);
        } else {
          this.raiseSam(new SamStatusError(find.sw3));
        }
      } catch (err) {
        if (!(err instanceof LinkError) || err.failure === 'lost' || err.failure === 'closed') throw err;
        if (err.failure === 'timeout' && ++timeouts >= this.timing.timeoutsBeforeReconnect)
          throw new NoAnswerError(path, [this.activeBaud ?? this.config.baudRate]);
        this.log(`idcard: ${err.failure} while polling, will retry`);
      }
      await this.sleep(this.config.pollIntervalMs);
    }
    throw new Stopped();
  }

  /** Returns whether this placement is done with (read, or reported as unreadable). */
  private async readCard(link: SamLink): Promise<boolean> {
    this.setStatus({ state: 'reading', message: '正在读卡，请勿移动证件…' });
    try {
      const select = await this.request(link, SAM.selectCard, this.timing.commandTimeoutMs);
      if (select.sw3 !== SW3_OK) throw new SamStatusError(select.sw3);
      const read = await this.request(link, SAM.readBase, this.timing.readTimeoutMs);
      if (read.sw3 !== SW3_OK) throw new SamStatusError(read.sw3);
      const parts = splitReadReply(read.data, false);
      const address = await this.request(link, SAM.readNewAddress, this.timing.commandTimeoutMs);
      const newAddress = address.sw3 === SW3_OK && address.data.length > 0 ? address.data : null;
      if (address.sw3 !== SW3_OK && address.sw3 !== SW3_NO_CONTENT)
        this.log(`idcard: new-address read answered ${sw3Hex(address.sw3)}; continuing without it`);
      const card = await assembleCard(
        { text: parts.text, photo: parts.photo, newAddress },
        { today: this.today(), photoDecoder: this.photoDecoder, photoDecoderProblem: this.photoDecoderProblem },
      );
      this.log(
        `idcard: read ${card.cardType} card of ${maskName(card.name)} ${maskIdNumber(card.idNumber)}${card.warnings.length ? ` (${card.warnings.map((w) => w.code).join(', ')})` : ''}`,
      );
      this.lastErrorCode = null;
      this.setStatus({ state: 'ready', message: '读卡器已就绪，请将证件放在读卡区' });
      this.emit('card', card);
      return true;
    } catch (err) {
      const stillReady = !(err instanceof LinkError) || err.failure === 'timeout' || err.failure === 'corrupt';
      if (stillReady) this.setStatus({ state: 'ready', message: '读卡器已就绪，请将证件放在读卡区' });
      if (err instanceof SamStatusError) {
        this.raiseSam(err);
        return false;
      }
      if (err instanceof CardParseError || err instanceof RangeError) {
        this.raise({
          code: 'card-unreadable',
          message: err instanceof CardParseError ? err.message : '证件数据不完整，请将证件重新放置后再读',
        });
        return true;
      }
      if (err instanceof LinkError && err.failure === 'timeout') {
        this.raise({ code: 'timeout', message: '读卡超时，请将证件平放在读卡区并保持不动，重新读取' });
        return false;
      }
      throw err;
    }
  }

  /** A reply spoiled on the wire is asked for again once before giving up. */
  private async request(link: SamLink, command: readonly [number, number], timeoutMs: number): Promise<Reply> {
    try {
      return await link.request(command[0], command[1], timeoutMs);
    } catch (err) {
      if (!(err instanceof LinkError) || err.failure !== 'corrupt') throw err;
      this.log(`idcard: retrying command ${sw3Hex(command[0])} ${sw3Hex(command[1])} after a corrupted reply`);
      return link.request(command[0], command[1], timeoutMs);
    }
  }

  private onFailure(err: unknown): void {
    if (err instanceof SamStatusError) {
      this.raiseSam(err);
      this.setStatus({ state: 'error', message: `${err.message}（状态码 ${sw3Hex(err.sw3)}）` });
    } else if (err instanceof NoAnswerError) {
      this.raise({ code: 'no-answer', message: err.message });
      this.setStatus({ state: 'error', message: err.message });
    } else if (err instanceof LinkError) {
      this.raise({ code: 'disconnected', message: '读卡器已断开，请检查读卡器的USB线；插好后会自动恢复' });
      this.setStatus({ state: 'disconnected', message: '读卡器已断开，正在重连…' });
    } else {
      const reason = err instanceof Error ? err.message : String(err);
      this.log(`idcard: cannot open ${this.portPath}: ${reason}`);
      // After "disconnected" the clerk already knows; a failed reopen is the same story.
      if (this.lastErrorCode === 'disconnected') return;
      this.raise({
        code: 'open-failed',
        message: `无法打开读卡器串口 ${this.portPath}，请检查读卡器是否插好、串口设置是否正确；插好后会自动连接`,
      });
      this.setStatus({ state: 'disconnected', message: `读卡器未连接（${this.portPath}），正在重试…` });
    }
  }

  private raiseSam(err: SamStatusError): void {
    this.raise({ code: err.statusName, message: err.message, sw3: sw3Hex(err.sw3) });
  }

  // The same failure repeating on every retry is reported once, until something succeeds.
  private raise(error: IdCardError): void {
    if (this.lastErrorCode === error.code) return;
    this.lastErrorCode = error.code;
    this.log(`idcard: ${error.code}${error.sw3 ? ` (SW3 ${error.sw3})` : ''}`);
    this.emit('error', error);
  }

  private setStatus(status: DeviceStatus): void {
    if (status.state === this.current.state && status.message === this.current.message) return;
    this.current = status;
    this.emit('status', status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

export class NoAnswerError extends Error {
  constructor(path: string, rates: readonly number[]) {
    super(`读卡器（${path}）没有应答，请检查读卡器电源和串口线，并确认波特率设置（已尝试 ${rates.join('、')}）`);
    this.name = 'NoAnswerError';
  }
}

export function createIdCardReader(config: IdCardReaderConfigInput, deps?: IdCardReaderDeps): IdCardReader {
  return new IdCardReader(config, deps);
}
