/**
 * A process contending for a data directory's lock.
 *   tsx lock-child.ts hammer <dataDir> <marks-file> <acquisitions>
 *     takes the lock that many times; while holding it appends "S <pid>" and "E <pid>" to the
 *     marks file (O_APPEND, one write each), so overlapping holders show as interleaved marks.
 *   tsx lock-child.ts hold <dataDir>
 *     takes the lock, prints "held", and keeps it until killed.
 */
import { appendFileSync } from 'node:fs';
import { AppError } from '../../../shared/api/errors';
import { DataDirLock } from '../../../electron/store/lock';

const [mode, dataDir, marks, countArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: lock-child.ts hammer|hold <dataDir> [...]');

function tryAcquire(): DataDirLock | null {
  try {
    return DataDirLock.acquire(dataDir!);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return null;
    throw err;
  }
}

if (mode === 'hold') {
  const lock = tryAcquire();
  process.stdout.write(lock ? 'held\n' : 'busy\n');
  setInterval(() => undefined, 60_000);
} else {
  const wanted = Number(countArg ?? 100);
  let taken = 0;
  let refused = 0;
  while (taken < wanted) {
    const lock = tryAcquire();
    if (!lock) {
      refused++;
      await new Promise((r) => setTimeout(r, Math.random() * 2));
      continue;
    }
    appendFileSync(marks!, `S ${process.pid}\n`);
    // Hold it across a turn of the event loop, as a start-up would: the others keep trying.
    await new Promise((r) => setTimeout(r, 1));
    appendFileSync(marks!, `E ${process.pid}\n`);
    lock.release();
    taken++;
    await new Promise((r) => setImmediate(r));
  }
  process.stdout.write(JSON.stringify({ taken, refused }) + '\n');
}
