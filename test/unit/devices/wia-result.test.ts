import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  normaliseHresult,
  parseWiaResult,
  WiaListResult,
  WiaOutputError,
  WiaScanResult,
  wiaMessage,
} from '../../../electron/devices/scanner/wia/wia-result';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'wia', name), 'utf8');

describe('WIA bridge results', () => {
  it('reads a device list with TWAIN sources', () => {
    const r = parseWiaResult(WiaListResult, fixture('list-two-scanners.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.devices.map((d) => d.name)).toEqual(['Canon DR-C225 II', 'EPSON DS-410']);
    expect(r.twainSources).toContain('Fujitsu fi-7160 TWAIN');
  });

  it('reads PowerShell 5 output: BOM, a single device not in an array, null for an empty list', () => {
    const r = parseWiaResult(WiaListResult, fixture('list-one-scanner-ps5.json'));
    expect(r.ok && r.devices).toHaveLength(1);
    expect(r.ok && r.twainSources).toEqual([]);
  });

  it('reads a failed scan with the pages saved before it', () => {
    const r = parseWiaResult(WiaScanResult, fixture('scan-jam-after-two.json'));
    expect(r).toMatchObject({ ok: false, hresult: '0x80210002' });
    expect(!r.ok && r.pages).toHaveLength(2);
  });

  it('refuses output that is not JSON or has the wrong shape', () => {
    expect(() => parseWiaResult(WiaScanResult, 'Exception calling "Transfer"')).toThrow(WiaOutputError);
    expect(() => parseWiaResult(WiaScanResult, '{"ok":true}')).toThrow(WiaOutputError);
  });

  it('maps WIA HRESULTs to what the clerk should do, in Chinese', () => {
    expect(wiaMessage('0x80210003').message).toBe('进纸器中没有文件，请将文件放入进纸器后重新扫描');
    expect(wiaMessage('0x80210006').message).toContain('正忙');
    expect(wiaMessage('0x80210015').message).toContain('未找到WIA扫描仪');
    expect(wiaMessage('0x80210002')).toMatchObject({ interrupting: true, known: true });
    expect(wiaMessage('0x80210002').message).toContain('卡纸');
    // A negative decimal HResult as PowerShell sometimes reports it: 0x80210006.
    expect(normaliseHresult('-2145320954')).toBe('0x80210006');
    const busy = parseWiaResult(WiaScanResult, fixture('scan-busy.json'));
    expect(!busy.ok && wiaMessage(busy.hresult).message).toContain('正忙');
    expect(wiaMessage('0x8021000a').message).toContain('无法与扫描仪通信');
  });

  it('an unknown HRESULT still gives a sentence with the code and what to try', () => {
    const m = wiaMessage('0x80211234');
    expect(m.known).toBe(false);
    expect(m.message).toContain('0x80211234');
    expect(m.message).toContain('重新开关扫描仪');
  });
});
