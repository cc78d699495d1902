/**
 * Runs the simulated reader on a real serial port (one end of a socat PTY pair, or a USB-serial
 * cable to another machine), so the driver can be tested over a real tty.
 */
import type { SerialBinding, SerialBindingPort } from '../serial-binding';
import { SerialPort } from 'serialport';
import type { SamSimulator } from './sam-simulator';

export interface RunningSimulator {
  /** Resolves when the port closes, by `stop()` or because its far end went away. */
  closed: Promise<{ reason: 'stopped' | 'lost'; error?: Error }>;
  stop(): Promise<void>;
}

export async function runSimulatorOnPort(
  simulator: SamSimulator,
  path: string,
  options: { baudRate?: number; binding?: SerialBinding } = {},
): Promise<RunningSimulator> {
  const binding = options.binding ?? SerialPort.binding;
  const port: SerialBindingPort = await binding.open({ path, baudRate: options.baudRate ?? simulator.baudRate });
  let stopping = false;
  let writing: Promise<void> = Promise.resolve();
  const detach = simulator.attach((chunk) => {
    writing = writing.then(() => port.write(Buffer.from(chunk))).catch(() => undefined);
  });

  const closed = (async (): Promise<{ reason: 'stopped' | 'lost'; error?: Error }> => {
    const buffer = Buffer.alloc(1024);
    for (;;) {
      try {
        const { bytesRead } = await port.read(buffer, 0, buffer.length);
        simulator.receive(buffer.subarray(0, bytesRead));
      } catch (err) {
        detach();
        if (stopping) return { reason: 'stopped' };
        await port.close().catch(() => undefined);
        return { reason: 'lost', error: err instanceof Error ? err : new Error(String(err)) };
      }
    }
  })();

  return {
    closed,
    async stop() {
      if (stopping) return;
      stopping = true;
      await writing;
      if (port.isOpen) await port.close().catch(() => undefined);
      await closed;
    },
  };
}
