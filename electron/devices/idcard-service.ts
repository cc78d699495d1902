import type { IdCard } from '../../shared/domain/idcard/card';
import type { IdCardReaderConfig } from '../../shared/domain/idcard/reader-config';
import { maskIdNumber, maskName } from '../../shared/domain/identifiers';
import { shanghaiDate } from '../../shared/domain/time';
import { AppError } from '../../shared/api/errors';
import { log } from '../log';
import type { EventBus } from '../event-bus';
import type { DeviceManager } from './device-manager';
import { createIdCardReader, type IdCardReader } from './idcard';

/** A card stays available to a form opened shortly after the read, then is forgotten. */
const LAST_CARD_TTL_MS = 5 * 60_000;

/**
 * Runs the configured ID card reader for the workstation: status into the badges, each card
 * to the renderer as an event. Personal data never reaches the log unmasked.
 */
export class IdCardService {
  private reader: IdCardReader | null = null;
  private configKey = '';
  private last: { card: IdCard; at: number } | null = null;

  constructor(private readonly ws: { readonly bus: EventBus; readonly devices: DeviceManager; now(): Date }) {}

  /** (Re)starts the reader when its configuration changed. */
  async apply(config: IdCardReaderConfig): Promise<void> {
    const key = JSON.stringify(config);
    if (key === this.configKey && this.reader) return;
    this.configKey = key;
    await this.stop();
    const reader = createIdCardReader(config, {
      log: (line) => log.info('idcard', { line: log.scrub(line) }),
      today: () => localDate(this.ws.now()),
    });
    this.reader = reader;
    reader.on('status', (s) =>
      this.ws.devices.report('idcard', { state: s.state, message: s.message, simulated: config.driver === 'simulator' }),
    );
    reader.on('error', (e) => this.ws.bus.emit('idcard.error', { code: e.code, message: e.message }));
    reader.on('card', (card) => {
      this.last = { card, at: Date.now() };
      log.info('idcard read', {
        cardType: card.cardType,
        name: maskName(card.name),
        idNumber: maskIdNumber(card.idNumber),
        valid: card.idNumberValid,
        expired: card.expired,
      });
      this.ws.bus.emit('idcard.read', card);
    });
    this.ws.devices.report('idcard', { ...reader.status(), simulated: config.driver === 'simulator' });
    reader.start();
  }

  lastCard(): IdCard | null {
    if (!this.last || Date.now() - this.last.at > LAST_CARD_TTL_MS) return null;
    return this.last.card;
  }

  training() {
    const t = this.reader?.training;
    if (!t) throw new AppError('DEVICE_NOT_CONFIGURED', '当前未使用模拟读卡器：请在工位设置中把身份证读卡器选为“模拟读卡器（培训）”');
    return t;
  }

  async stop(): Promise<void> {
    const r = this.reader;
    this.reader = null;
    if (r) await r.stop();
  }
}

/** Card expiry is judged on the Shanghai civil date, not the PC's zone. */
function localDate(d: Date): string {
  return shanghaiDate(d);
}
