/**
 * The driver on one end of a real PTY pair (socat), the simulator on the other: real termios,
 * real file descriptors, and a real disappearance when socat dies mid-read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdCardReader, type IdCardReader } from '../../../electron/devices/idcard/reader';
import { SamSimulator } from '../../../electron/devices/idcard/simulator/sam-simulator';
import { runSimulatorOnPort, type RunningSimulator } from '../../../electron/devices/idcard/simulator/serial-simulator';
import { loadTrainingCards } from '../../../electron/devices/idcard/simulator/training-cards';
import { collect, nextEvent, sleep, until } from '../../unit/idcard/wait';
import { startPtyPair, type PtyPair } from './socat';

const FAST = { commandTimeoutMs: 500, readTimeoutMs: 3000, backoffInitialMs: 50, backoffMaxMs: 300 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(faults: ConstructorParameters<typeof SamSimulator>[0] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'idcard-pty-'));
  let pair: PtyPair = await startPtyPair(dir);
  const sim = new SamSimulator({ cards: loadTrainingCards(), ...faults });
  let far: RunningSimulator = await runSimulatorOnPort(sim, pair.b);
  const reader: IdCardReader = createIdCardReader(
    { driver: 'serial', port: pair.a, pollIntervalMs: 30 },
    { timing: FAST, today: () => '2026-06-01' },
  );
  cleanups.push(async () => {
    await reader.stop();
    await far.stop();
    await pair.kill();
  });
  return {
    sim,
    reader,
    pair: () => pair,
    async unplug() {
      await pair.kill();
      await far.closed;
    },
    async plugBackIn() {
      pair = await startPtyPair(dir);
      far = await runSimulatorOnPort(sim, pair.b);
    },
  };
}

describe('reader over a socat PTY pair', () => {
  it('reads a card placed on the far end', async () => {
    const { sim, reader } = await rig();
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    sim.place('foreign-2023');
    const card = await nextEvent(reader, 'card');
    expect(card).toMatchObject({
      cardType: 'foreign-2023',
      name: '玛丽亚',
      englishName: 'SAMPLETRAINING, MARIA ALEXANDRA ELIZABETH',
      idNumberValid: true,
    });
  });

  it('reads through chunked, delayed delivery over the tty', async () => {
    const { sim, reader } = await rig({ faults: { chunkSize: 13, chunkDelayMs: 1 } });
    reader.start();
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
    sim.place('resident-new-address');
    expect((await nextEvent(reader, 'card')).newAddress).toBe('广西壮族自治区南宁市青秀区演示大道100号2栋301室');
  });

  it('socat killed mid-read: error event, no hang, and it reconnects when the port comes back', async () => {
    // Paced at 9600 bps the read reply takes 1.35 s: time enough to pull the cable during it.
    const r = await rig({ faults: { paceBaudRate: 9600 } });
    const statuses = collect(r.reader, 'status');
    r.reader.start();
    await nextEvent(r.reader, 'status', (s) => s.state === 'ready', 8000);
    const sent = r.sim.counters.bytesOut;
    r.sim.place('resident-standard');
    await nextEvent(r.reader, 'status', (s) => s.state === 'reading', 8000);
    // Pull the cable once part of the 1.35 s reply is on the wire, not after a guessed delay.
    await until(() => r.sim.counters.bytesOut > sent + 100, 'part of the read reply sent', 8000);
    const error = nextEvent(r.reader, 'error', () => true, 5000);
    await r.unplug();
    expect(await error).toMatchObject({ code: 'disconnected' });
    expect(r.reader.status().state).toBe('disconnected');
    await sleep(300); // a few failed reopen attempts
    expect(r.reader.status()).toEqual({ state: 'disconnected', message: '读卡器已断开，正在重连…' });
    r.sim.setFaults({ paceBaudRate: undefined });
    await r.plugBackIn();
    const card = await nextEvent(r.reader, 'card', () => true, 8000);
    expect(card.idNumber).toBe('110101199003070011');
    expect(statuses.map((s) => s.state)).toContain('ready');
  });

  it('a reader that is not there yet: error event, retries, then ready by itself once it appears', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-pty-'));
    const reader = createIdCardReader({ driver: 'serial', port: `${dir}/ttyA`, pollIntervalMs: 30 }, { timing: FAST });
    cleanups.push(() => reader.stop());
    const error = nextEvent(reader, 'error');
    reader.start();
    expect(await error).toMatchObject({ code: 'open-failed' });
    expect(reader.status().state).toBe('disconnected');
    await sleep(200);
    expect(reader.status().state).toBe('disconnected');
    const pair = await startPtyPair(dir);
    const sim = new SamSimulator({ cards: loadTrainingCards() });
    const far = await runSimulatorOnPort(sim, pair.b);
    cleanups.push(async () => {
      await far.stop();
      await pair.kill();
    });
    await nextEvent(reader, 'status', (s) => s.state === 'ready');
  });
});
