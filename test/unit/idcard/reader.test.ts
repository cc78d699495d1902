/**
 * The driver against the in-process simulator, through the simulator's serialport binding: the
 * same bytes a desk reader sends, with faults switched on. (The PTY tests in
 * test/integration/idcard run the same driver over a real tty.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { idCardReaderConfigSchema } from '../../../shared/domain/idcard';
import { createIdCardReader, type IdCardReader, type IdCardReaderDeps } from '../../../electron/devices/idcard/reader';
import { SamSimulator } from '../../../electron/devices/idcard/simulator/sam-simulator';
import { SimulatorBinding } from '../../../electron/devices/idcard/simulator/simulator-binding';
import { loadTrainingCards } from '../../../electron/devices/idcard/simulator/training-cards';
import { loadPhotoDecoder } from '../../../electron/devices/idcard/photo-decoder';
import { collect, findPolls, nextEvent, sleep, until } from './wait';

const FAST = { commandTimeoutMs: 300, readTimeoutMs: 1000, backoffInitialMs: 20, backoffMaxMs: 200, presenceCheckMs: 50 };
const readers: IdCardReader[] = [];

function setup(options: { sim?: SamSimulator; config?: Record<string, unknown>; deps?: IdCardReaderDeps } = {}) {
  const sim = options.sim ?? new SamSimulator({ cards: loadTrainingCards() });
  const logs: string[] = [];
  const reader = createIdCardReader(
    { driver: 'simulator', pollIntervalMs: 20, ...options.config },
    { simulator: sim, timing: FAST, today: () => '2026-06-01', log: (l) => logs.push(l), ...options.deps },
  );
  readers.push(reader);
  return { sim, reader, logs, training: reader.training! };
}

afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.stop()));
});

describe('configuration', () => {
  it('fills defaults and requires a port for a serial reader', () => {
    expect(idCardReaderConfigSchema.parse({})).toEqual({ driver: 'none', baudRate: 115200, probeRates: false, pollIntervalMs: 500 });
    const noPort = idCardReaderConfigSchema.safeParse({ driver: 'serial' });
    expect(noPort.success).toBe(false);
    expect(noPort.error?.issues[0]?.message).toContain('串口');
    expect(idCardReaderConfigSchema.safeParse({ driver: 'serial', port: '/dev/ttyUSB0', baudRate: 12345 }).success).toBe(false);
  });

  it("driver 'none' says not configured and invents nothing", async () => {
    const reader = createIdCardReader({ driver: 'none' });
    readers.push(reader);
    const cards = collect(reader, 'card');
    reader.start();
    await sleep(50);
    expect(reader.status().state).toBe('not-configured');
    expect(reader.status().message).toBe('未配置身份证读卡器，可在设置中选择串口读卡器或培训模拟读卡器');
    expect(reader.training).toBeNull();
    expect(cards).toEqual([]);
  });
});

describe('reading cards', () => {
  it('reports each placement exactly once, with every layout', async () => {
    const { reader, training, sim } = setup();
    const cards = collect(reader, 'card');
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    expect(training.listTrainingCards().map((c) => c.cardType)).toEqual(
      expect.arrayContaining(['resident', 'foreign-2017', 'foreign-2023', 'hk-mo-tw']),
    );
    for (const id of ['resident-standard', 'foreign-2017', 'foreign-2023', 'hk-mo-tw']) {
      training.place(id);
      await nextEvent(reader, 'card');
      await findPolls(sim, 3); // several more polls with the card still there
      training.lift();
      await findPolls(sim, 2); // the first poll after the lift answered 'no card'
    }
    expect(cards.map((c) => c.cardType)).toEqual(['resident', 'foreign-2017', 'foreign-2023', 'hk-mo-tw']);
    expect(cards[0]).toMatchObject({ name: '王小明', idNumber: '110101199003070011', idNumberValid: true, ethnicity: '汉族' });
  });

  it('reads the new address, the 长期 validity, and warns on an expired card', async () => {
    const { reader, training, sim } = setup();
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    training.place('resident-new-address');
    expect((await nextEvent(reader, 'card')).newAddress).toBe('广西壮族自治区南宁市青秀区演示大道100号2栋301室');
    // Swapped without a lift the reader sees no new placement; after a lift it reads again.
    training.place('resident-long-term');
    await findPolls(sim, 2);
    training.lift();
    await findPolls(sim, 2);
    training.place('resident-long-term');
    expect((await nextEvent(reader, 'card')).validTo).toBe('长期');
    training.lift();
    await findPolls(sim, 2);
    training.place('resident-expired');
    const expired = await nextEvent(reader, 'card');
    expect(expired.expired).toBe(true);
    expect(expired.warnings[0]?.message).toMatch(/过期/);
  });

  it('survives chunked, delayed delivery with stray bytes', async () => {
    const sim = new SamSimulator({
      cards: loadTrainingCards(),
      faults: { chunkSize: 7, chunkDelayMs: 1, replyDelayMs: 5, strayBytes: Uint8Array.of(0x00, 0xaa, 0x13) },
    });
    const { reader, training } = setup({ sim });
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    training.place('hk-mo-tw');
    expect((await nextEvent(reader, 'card')).passNumber).toBe('H98765432');
  });

  it('rejects a reply with a corrupted checksum and asks again', async () => {
    const { reader, training, sim, logs } = setup();
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    await findPolls(sim, 1);
    sim.setFaults({ corruptReplies: 1, replyDelayMs: 0 });
    training.place('resident-standard');
    const card = await nextEvent(reader, 'card');
    expect(card.name).toBe('王小明');
    expect(logs.some((l) => l.includes('bad checksum'))).toBe(true);
  });

  it('names a SAM error and retries the card on the next poll', async () => {
    const { reader, training, sim } = setup();
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    sim.setFaults({ readFailures: 1 });
    const error = nextEvent(reader, 'error');
    training.place('foreign-2017');
    expect(await error).toEqual({ code: 'read-failed', sw3: '41', message: '读卡失败，请将证件平放在读卡区并保持不动，重新读取' });
    expect((await nextEvent(reader, 'card')).cardType).toBe('foreign-2017');
  });

  it('reports a SAM self-test failure with its SW3 code and recovers when the SAM does', async () => {
    const sim = new SamSimulator({ cards: loadTrainingCards(), faults: { samSelfTestFailure: true } });
    const { reader } = setup({ sim });
    const error = nextEvent(reader, 'error');
    reader.start();
    expect(await error).toMatchObject({ code: 'sam-self-test-failed', sw3: '60' });
    expect(reader.status().state).toBe('error');
    expect(reader.status().message).toContain('60');
    sim.setFaults({ samSelfTestFailure: false });
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
  });

  it('gives up on a mute SAM with a message naming the port', async () => {
    const sim = new SamSimulator({ cards: loadTrainingCards(), faults: { mute: true } });
    const { reader } = setup({ sim });
    const error = nextEvent(reader, 'error');
    reader.start();
    const e = await error;
    expect(e.code).toBe('no-answer');
    expect(e.message).toContain('SIM:idcard');
  });

  it('finds the SAM at another rate when probing is on', async () => {
    const sim = new SamSimulator({ cards: loadTrainingCards(), baudRate: 9600 });
    const { reader, training } = setup({ sim, config: { probeRates: true } });
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    expect(reader.baudRate).toBe(9600);
    training.place('resident-standard');
    expect((await nextEvent(reader, 'card')).name).toBe('王小明');
  });

  it('without probing, a rate mismatch is an error, not a hang', async () => {
    const sim = new SamSimulator({ cards: loadTrainingCards(), baudRate: 9600 });
    const { reader } = setup({ sim });
    const error = nextEvent(reader, 'error');
    reader.start();
    expect((await error).code).toBe('no-answer');
  });
});

describe('unplugging', () => {
  it('mid-read: an error event, "disconnected", then it resumes by itself when plugged back', async () => {
    const sim = new SamSimulator({ cards: loadTrainingCards(), faults: { paceBaudRate: 9600 } });
    const { reader, training } = setup({ sim, deps: { timing: { ...FAST, readTimeoutMs: 3000 } } });
    const statuses = collect(reader, 'status');
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    training.place('resident-standard');
    const sent = sim.counters.bytesOut;
    await nextEvent(reader, 'status', (s) => s.state === 'reading');
    // The 1295-byte reply takes 1.35 s at 9600 bps: pull the plug once part of it is on the wire.
    await until(() => sim.counters.bytesOut > sent + 100, 'part of the read reply sent');
    const error = nextEvent(reader, 'error');
    sim.unplug();
    expect(await error).toMatchObject({ code: 'disconnected' });
    expect(reader.status()).toEqual({ state: 'disconnected', message: '读卡器已断开，正在重连…' });
    await sleep(150);
    expect(reader.status().state).toBe('disconnected');
    sim.setFaults({ paceBaudRate: undefined });
    sim.plugIn();
    const card = await nextEvent(reader, 'card');
    expect(card.name).toBe('王小明');
    expect(
      statuses.map((s) => s.state),
      JSON.stringify(statuses),
    ).toEqual(['connecting', 'ready', 'reading', 'disconnected', 'ready', 'reading', 'ready']);
  });

  it('notices a USB reader vanishing from the port list', async () => {
    const sim = new SamSimulator({ cards: loadTrainingCards() });
    const binding = new SimulatorBinding(sim);
    let listed = true;
    const lister = { list: async () => (listed ? binding.list() : []), open: binding.open.bind(binding) };
    const { reader } = setup({ sim, deps: { binding: lister } });
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    const error = nextEvent(reader, 'error');
    listed = false;
    expect((await error).code).toBe('disconnected');
    listed = true;
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
  });
});

describe('privacy and the photo', () => {
  it('never logs a full name or ID number', async () => {
    const { reader, training, logs } = setup();
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    training.place('resident-standard');
    await nextEvent(reader, 'card');
    const all = logs.join('\n');
    expect(all).toContain('110101********0011');
    expect(all).not.toContain('110101199003070011');
    expect(all).not.toContain('王小明');
  });

  it('decodes the photo through a configured plug-in module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-decoder-'));
    const plugin = join(dir, 'decoder.mjs');
    // A stand-in for a vendor library (none can exist on this machine): returns a fixed "BMP".
    writeFileSync(
      plugin,
      'export function createPhotoDecoder() { return { async decode(wlt) { return Uint8Array.of(0x42, 0x4d, wlt.length >> 8); } }; }\n',
    );
    const { reader, training } = setup({ config: { photoDecoder: plugin } });
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    training.place('resident-standard');
    const card = await nextEvent(reader, 'card');
    expect(card.photo).toMatchObject({
      format: 'wlt',
      bytes: 1024,
      bmpBase64: Buffer.from([0x42, 0x4d, 4]).toString('base64'),
      message: null,
    });
    expect(card.photo.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says the photo cannot be decoded when no plug-in is configured, or the plug-in is broken', async () => {
    await expect(loadPhotoDecoder('/nonexistent/decoder.mjs')).rejects.toThrow(/照片解码插件/);
    const { reader, training } = setup({ config: { photoDecoder: '/nonexistent/decoder.mjs' } });
    const error = nextEvent(reader, 'error');
    reader.start();
    expect((await error).code).toBe('photo-decoder');
    training.place('resident-standard');
    const card = await nextEvent(reader, 'card');
    expect(card.photo.bmpBase64).toBeNull();
    expect(card.photo.message).toMatch(/照片解码插件/);
  });
});
