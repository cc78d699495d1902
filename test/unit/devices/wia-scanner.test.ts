import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/api/errors';
import { ScanInterruptedError } from '../../../electron/devices/scanner';
import { WiaScanner } from '../../../electron/devices/scanner/wia/wia-scanner';

// The workstation's side of the WIA bridge (arguments, PAGE lines, result file), with a Node
// script standing in for PowerShell: WIA itself exists only on Windows.
const player = join(import.meta.dirname, '..', '..', 'fixtures', 'wia', 'player.mjs');
const wia = () => new WiaScanner({ platform: 'win32', command: process.execPath, commandArgs: [player] });
afterEach(() => {
  delete process.env.WIA_PLAYER;
});

describe('WiaScanner through the bridge protocol', () => {
  it('lists devices and TWAIN sources', async () => {
    const inv = await wia().inventory();
    expect(inv.devices).toEqual([{ name: 'dev-1', vendor: 'EPSON', model: 'EPSON DS-410', type: 'WIA 扫描仪' }]);
    expect(inv.twainSources).toEqual(['Old TWAIN Scanner']);
  });

  it('reads each page as the script announces it, in order', async () => {
    process.env.WIA_PLAYER = 'scan3';
    const seen: number[] = [];
    const batch = await wia().scan(
      { resolution: 200, mode: 'Gray', source: 'Automatic Document Feeder' },
      { onPage: (p) => seen.push(p.bytes[4]!) },
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(batch).toMatchObject({ cancelled: false, feederEmpty: true });
  });

  it('a jam keeps the pages before it and says to clear the jam', async () => {
    process.env.WIA_PLAYER = 'jam2';
    const err = await wia()
      .scan({ resolution: 200, mode: 'Gray', source: 'Automatic Document Feeder' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanInterruptedError);
    expect((err as ScanInterruptedError).pages).toHaveLength(2);
    expect((err as ScanInterruptedError).message).toContain('卡纸');
  });

  it('on Linux or macOS it says WIA is Windows only', async () => {
    const err = await new WiaScanner({ platform: 'linux' }).list().catch((e: unknown) => e);
    expect((err as AppError).code).toBe('DEVICE_NOT_CONFIGURED');
    expect((err as AppError).message).toContain('仅在 Windows 上可用');
  });
});
