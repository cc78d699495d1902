import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/cli/doctor';
import { deviceInventory, testDevice } from '../../../electron/devices/device-inventory';
import { cupsQueueUri } from '../../../electron/devices/printer';
import { EsclSimulator as Sim } from '../../../electron/devices/scanner';
import { ensureCups, PDF_QUEUE } from '../printer/cups';
import { saneTestConfig, type SaneTestConfig } from '../scanner/sane';

// The doctor and the device inventory find devices through every driver on this (Linux)
// machine: an eSCL scanner (the loopback simulator), SANE's test scanner, CUPS and IPP printers.
let sim: Sim;
let sane: SaneTestConfig;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  await ensureCups();
  sim = await new Sim({ feederSheets: 2 }).start();
  sane = await saneTestConfig();
  dataDir = await mkdtemp(join(tmpdir(), 'ow-doctor-'));
  env = { ...sane.env, ONEWINDOW_ESCL_ADDRESSES: sim.url, ONEWINDOW_IPP_ADDRESSES: cupsQueueUri(PDF_QUEUE) };
});
afterAll(async () => {
  await sim?.stop();
  await sane?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('device inventory and doctor', () => {
  it('lists eSCL, SANE, IPP and CUPS devices, scanners first', async () => {
    const found = await deviceInventory({ env, esclBrowse: false, platform: 'linux' });
    expect(found.find((d) => d.driver === 'escl')).toMatchObject({ kind: 'scanner', id: sim.url, state: 'ready' });
    expect(found.find((d) => d.driver === 'sane' && d.id === 'test:0')).toMatchObject({ kind: 'scanner', state: 'ready' });
    expect(found.find((d) => d.driver === 'ipp')).toMatchObject({ kind: 'printer', id: cupsQueueUri(PDF_QUEUE), state: 'ready' });
    expect(found.find((d) => d.driver === 'cups' && d.id === PDF_QUEUE)).toMatchObject({ kind: 'printer', state: 'ready' });
    expect(found.findIndex((d) => d.kind === 'printer')).toBeGreaterThan(found.findLastIndex((d) => d.kind === 'scanner'));
  });

  it('tests an eSCL scanner (capabilities and feeder state) and a CUPS printer over IPP', async () => {
    const s = await testDevice('scanner', 'escl', sim.url);
    expect(s.ok).toBe(true);
    expect(s.message).toContain('双面进纸器');
    expect(s.message).toContain('进纸器有纸');
    const p = await testDevice('printer', 'cups', PDF_QUEUE, { env });
    expect(p).toMatchObject({ ok: true });
    const gone = await testDevice('printer', 'ipp', 'ipp://127.0.0.1:9/ipp/print');
    expect(gone.ok).toBe(false);
    expect(gone.message).toContain('无法连接打印机');
  });

  it('onewindow doctor prints one line per device found, with the driver', async () => {
    const lines: string[] = [];
    await runDoctor(dataDir, { out: (l) => lines.push(l), err: () => undefined, env });
    const text = lines.join('\n');
    expect(text).toMatch(/\[ok {2}\] 发现扫描仪（eSCL 网络）: .*127\.0\.0\.1/);
    expect(text).toMatch(/\[ok {2}\] 发现扫描仪（SANE）: .*test:0/);
    expect(text).toMatch(/\[ok {2}\] 发现打印机（IPP）: .*ipp:\/\/localhost:631\/printers\/OneWindowPDF/);
    expect(text).toMatch(/\[ok {2}\] 发现打印机（CUPS）: .*OneWindowPDF/);
  });
});
