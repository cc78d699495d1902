import { describe, expect, it } from 'vitest';
import { parseLpstat } from '../../../electron/devices/printer';
import { parseDeviceList, LIST_FORMAT } from '../../../electron/devices/scanner/sane-devices';

describe('lpstat parsing', () => {
  it('reads idle, printing and disabled queues with reasons, acceptance and the default', () => {
    const printers = [
      'printer Laser is idle.  enabled since Sat Nov 21 21:40:48 2026',
      'printer Receipt now printing Receipt-7.  enabled since Sat Nov 21 21:41:00 2026',
      'printer Old disabled since Sat Nov 21 21:42:00 2026 -',
      '\tPaused',
      '',
    ].join('\n');
    const accepting = [
      'Laser accepting requests since Sat Nov 21 21:40:48 2026',
      'Receipt accepting requests since Sat Nov 21 21:41:00 2026',
      'Old not accepting requests since Sat Nov 21 21:42:00 2026 -',
      '\tRejecting Jobs',
    ].join('\n');
    expect(parseLpstat(printers, accepting, 'system default destination: Laser')).toEqual([
      { name: 'Laser', kind: 'cups', state: 'idle', accepting: true, isDefault: true },
      { name: 'Receipt', kind: 'cups', state: 'printing', accepting: true, isDefault: false },
      { name: 'Old', kind: 'cups', state: 'stopped', accepting: false, isDefault: false, reason: 'Paused' },
    ]);
  });
});

describe('scanimage device list parsing', () => {
  it('splits on the unit separator so colons in device names survive', () => {
    const sep = LIST_FORMAT[2]!;
    const out = [`net:10.0.0.5:epson2:libusb:001:004${sep}Epson${sep}DS-530${sep}sheetfed scanner`, 'noise'].join('\n');
    expect(parseDeviceList(out)).toEqual([
      { name: 'net:10.0.0.5:epson2:libusb:001:004', vendor: 'Epson', model: 'DS-530', type: 'sheetfed scanner' },
    ]);
  });
});
