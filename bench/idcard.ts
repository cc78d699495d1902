/**
 * Card placed -> fields available, with the simulator pacing every byte at 115200 bps (10 bits a
 * byte, both directions), next to the pure wire time of the same bytes. Two figures: from the
 * find that saw the card (the protocol cost; goal within 1.2x of wire time) and from the moment
 * of placement (adds the wait for the next poll, on average half the poll interval).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createIdCardReader, type IdCardReader } from '../electron/devices/idcard/reader';
import { SamSimulator } from '../electron/devices/idcard/simulator/sam-simulator';
import { runSimulatorOnPort } from '../electron/devices/idcard/simulator/serial-simulator';
import { loadTrainingCards } from '../electron/devices/idcard/simulator/training-cards';
import type { IdCard } from '../shared/domain/idcard';

const BAUD = 115200;
const POLL_MS = 100;
const RUNS = 15;

interface Sample {
  fromFind: number;
  fromPlace: number;
  wire: number;
}

function waitFor<T>(register: (done: (value: T) => void) => () => void, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const off = register((value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

async function measure(sim: SamSimulator, reader: IdCardReader, cardId: string): Promise<Sample[]> {
  await waitFor<void>(
    (done) =>
      reader.status().state === 'ready'
        ? (queueMicrotask(() => done()), () => undefined)
        : reader.on('status', (s) => s.state === 'ready' && done()),
    10000,
    'reader ready',
  );
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    let findAt = 0;
    let bytesAtFind = 0;
    sim.onRequest = (req) => {
      if (req.cmd === 0x20 && req.para === 0x01 && sim.placedCard && findAt === 0) {
        // The find request has fully arrived: count its own wire time back in.
        findAt = performance.now() - (10 * 10 * 1000) / BAUD;
        bytesAtFind = sim.counters.bytesIn + sim.counters.bytesOut - 10;
      }
    };
    // Place at a random point of the poll cycle, as a person would.
    await new Promise((r) => setTimeout(r, Math.random() * POLL_MS));
    const card = waitFor<IdCard>((done) => reader.on('card', done), 10000, 'card');
    const placedAt = performance.now();
    sim.place(cardId);
    await card;
    const doneAt = performance.now();
    const bytes = sim.counters.bytesIn + sim.counters.bytesOut - bytesAtFind;
    samples.push({ fromFind: doneAt - findAt, fromPlace: doneAt - placedAt, wire: (bytes * 10 * 1000) / BAUD });
    sim.lift();
    await new Promise((r) => setTimeout(r, POLL_MS * 2));
  }
  sim.onRequest = null;
  return samples;
}

function report(print: (line: string) => void, label: string, samples: Sample[]): void {
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const max = (xs: number[]): number => Math.max(...xs);
  const wire = median(samples.map((s) => s.wire));
  const fromFind = samples.map((s) => s.fromFind);
  const fromPlace = samples.map((s) => s.fromPlace);
  print(
    `${label}: wire ${wire.toFixed(1)} ms | find->fields median ${median(fromFind).toFixed(1)} ms (max ${max(fromFind).toFixed(1)}) = ${(median(fromFind) / wire).toFixed(2)}x wire | placed->fields median ${median(fromPlace).toFixed(1)} ms (max ${max(fromPlace).toFixed(1)}, poll ${POLL_MS} ms)`,
  );
}

export async function run(print: (line: string) => void): Promise<void> {
  const cards = loadTrainingCards();
  print(`idcard: ${RUNS} placements each, simulator paced at ${BAUD} bps (10 bits/byte, both directions)`);

  for (const cardId of ['resident-standard', 'resident-new-address']) {
    const sim = new SamSimulator({ cards, faults: { paceBaudRate: BAUD } });
    const reader = createIdCardReader({ driver: 'simulator', pollIntervalMs: POLL_MS }, { simulator: sim });
    reader.start();
    try {
      report(print, `in-process binding, ${cardId}`, await measure(sim, reader, cardId));
    } finally {
      await reader.stop();
    }
  }

  // The same over a real tty: socat PTY pair, simulator on the far end.
  const dir = mkdtempSync(join(tmpdir(), 'idcard-bench-'));
  const socat = spawn('socat', [`pty,raw,echo=0,link=${dir}/ttyA`, `pty,raw,echo=0,link=${dir}/ttyB`], { stdio: 'ignore' });
  try {
    const deadline = Date.now() + 5000;
    while (!(existsSync(`${dir}/ttyA`) && existsSync(`${dir}/ttyB`))) {
      if (Date.now() > deadline) throw new Error('socat did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    const sim = new SamSimulator({ cards, faults: { paceBaudRate: BAUD } });
    const far = await runSimulatorOnPort(sim, `${dir}/ttyB`);
    const reader = createIdCardReader({ driver: 'serial', port: `${dir}/ttyA`, pollIntervalMs: POLL_MS });
    reader.start();
    try {
      report(print, 'socat PTY, resident-standard', await measure(sim, reader, 'resident-standard'));
    } finally {
      await reader.stop();
      await far.stop();
    }
  } finally {
    socat.kill('SIGKILL');
  }
}
