import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreProcess } from './core-supervisor';
import type { CoreToFront } from './protocol';

/**
 * The core entry beside this module: the bundle (dist/electron/core.cjs) when running built,
 * the TypeScript source when running under tsx (tests, `npm run cli`), which the child inherits
 * through execArgv.
 */
export function coreEntry(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(moduleUrl);
  return here.endsWith('.ts') ? join(dirname(here), '..', 'core-main.ts') : join(dirname(here), 'core.cjs');
}

/** The browser host's core: a Node child with an IPC channel (structured clone, so PDFs stay bytes). */
export function forkCore(entry: string = coreEntry()): CoreProcess {
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    pid: child.pid,
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as CoreToFront)),
    onExit: (listener) => {
      if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode, child.signalCode);
      else child.once('exit', listener);
    },
    kill: () => child.kill('SIGKILL'),
  };
}
