/**
 * A reader on a bad line, on one end of a serial port: a simulated SAM answers the host's
 * requests while line noise — frames with a valid SAM preamble, a random LEN and random bytes
 * of random length, as a bad cable or a faulty USB adapter produces — is sent into the same
 * line at `fps` frames a second for `seconds`, interleaved with the SAM's replies.
 *
 *   tsx noise-generator.ts <port> <fps> <seconds> [<training-card-id>]
 *
 * Noise starts once the host has talked to the SAM (so requests are in flight while it
 * arrives). When the noise ends it prints one JSON line with what it sent, places the card if
 * one was named, and keeps answering until SIGTERM.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { constants, openSync, writeSync, closeSync } from 'node:fs';
import { MAX_LEN, PREAMBLE } from '../../../electron/devices/idcard/frame-codec';
import { SamSimulator } from '../../../electron/devices/idcard/simulator/sam-simulator';
import { runSimulatorOnPort } from '../../../electron/devices/idcard/simulator/serial-simulator';
import { loadTrainingCards } from '../../../electron/devices/idcard/simulator/training-cards';

const [path, fpsArg, secondsArg, cardId] = process.argv.slice(2);
if (!path) throw new Error('usage: noise-generator.ts <port> <fps> <seconds> [<card>]');
const fps = Number(fpsArg ?? 500);
const seconds = Number(secondsArg ?? 60);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function noiseFrame(): Buffer {
  // LEN is anything a decoder may meet, impossible values included; the body length is
  // independent of it, so frames end early, late or exactly on time.
  const len = randomInt(0, 5) === 0 ? randomInt(0, 0x10000) : randomInt(3, Math.min(MAX_LEN, 600));
  const body = randomBytes(randomInt(0, 300));
  return Buffer.concat([Buffer.from(PREAMBLE), Buffer.of(len >> 8, len & 0xff), body]);
}

/** Writes all of it; a full tty buffer (EAGAIN) means wait, so the rate printed is what was sent. */
async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      await sleep(1);
    }
  }
}

// The noise descriptor is opened before the simulator takes the port exclusively.
const noiseFd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
const simulator = new SamSimulator({ cards: loadTrainingCards() });
const running = await runSimulatorOnPort(simulator, path);
process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));

while (simulator.counters.requests < 3) await sleep(10);
const started = Date.now();
let frames = 0;
let bytes = 0;
while (Date.now() - started < seconds * 1000) {
  const due = Math.floor(((Date.now() - started) * fps) / 1000) - frames;
  if (due <= 0) {
    await sleep(2);
    continue;
  }
  const chunk = Buffer.concat(Array.from({ length: due }, noiseFrame));
  await writeAll(noiseFd, chunk);
  frames += due;
  bytes += chunk.length;
}
const elapsed = (Date.now() - started) / 1000;
closeSync(noiseFd);
if (cardId) simulator.place(cardId);
process.stdout.write(JSON.stringify({ frames, bytes, seconds: elapsed, requestsAnswered: simulator.counters.requests }) + '\n');
await running.closed;
