import { describe, expect, it } from 'vitest';
import { parseCapabilities, parseScanSettings, parseStatus, scanSettingsXml } from '../../../electron/devices/scanner/escl/protocol';
import { decodeRecords, encodeQuery, encodeResponse, scannersFromRecords } from '../../../electron/devices/scanner/escl/mdns';

describe('eSCL documents', () => {
  it('writes ScanSettings the device reads back the same', () => {
    const xml = scanSettingsXml({
      source: 'Feeder',
      duplex: true,
      colorMode: 'Grayscale8',
      resolution: 300,
      format: 'image/jpeg',
      width: 2480,
      height: 3508,
    });
    expect(parseScanSettings(xml)).toEqual({
      source: 'Feeder',
      duplex: true,
      colorMode: 'Grayscale8',
      resolution: 300,
      format: 'image/jpeg',
      width: 2480,
      height: 3508,
    });
  });

  it('reads a status with a jammed feeder and a job', () => {
    const s =
      parseStatus(`<?xml version="1.0"?><scan:ScannerStatus xmlns:scan="x" xmlns:pwg="y"><pwg:State>Idle</pwg:State><scan:AdfState>ScannerAdfJam</scan:AdfState>
      <scan:Jobs><scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/1</pwg:JobUri><pwg:JobState>Aborted</pwg:JobState><pwg:ImagesCompleted>2</pwg:ImagesCompleted></scan:JobInfo></scan:Jobs></scan:ScannerStatus>`);
    expect(s).toEqual({
      state: 'Idle',
      adfState: 'ScannerAdfJam',
      jobs: [{ uri: '/eSCL/ScanJobs/1', state: 'Aborted', reasons: [], imagesCompleted: 2 }],
    });
  });

  it('reads capabilities given as a resolution range (some HP and Brother models)', () => {
    const caps =
      parseCapabilities(`<scan:ScannerCapabilities xmlns:scan="x" xmlns:pwg="y"><pwg:Version>2.0</pwg:Version><pwg:MakeAndModel>Brother MFC &amp; 扫描</pwg:MakeAndModel>
      <scan:Platen><scan:PlatenInputCaps><scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
      <scan:SupportedResolutions><scan:ResolutionRange><scan:Min>100</scan:Min><scan:Max>300</scan:Max></scan:ResolutionRange></scan:SupportedResolutions></scan:PlatenInputCaps></scan:Platen></scan:ScannerCapabilities>`);
    expect(caps.makeAndModel).toBe('Brother MFC & 扫描');
    expect(caps.platen?.resolutions).toEqual([100, 150, 200, 300]);
    expect(caps.adf).toBeUndefined();
  });

  it.each([
    ['an unclosed element', '<scan:ScannerStatus><pwg:State>Idle</pwg:State>'],
    ['crossed elements', '<scan:ScannerStatus><pwg:State>Idle</scan:ScannerStatus></pwg:State>'],
    ['an HTML error page', '<html><body>500 Internal Error</body></html>'],
    ['an empty body', ''],
    ['a stray <', '<scan:ScannerStatus><pwg:State>Id<le</pwg:State></scan:ScannerStatus>'],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseStatus(xml)).toThrow(/ScannerStatus/);
  });
});

describe('mDNS for _uscan._tcp', () => {
  it('round-trips an answer with name compression-free records into a scanner address', () => {
    const inst = 'HP 扫描 [AB12]._uscan._tcp.local';
    const packet = encodeResponse([
      { name: '_uscan._tcp.local', type: 12, ttl: 120, data: inst },
      { name: inst, type: 33, ttl: 120, data: { target: 'hp.local', port: 8080 } },
      { name: inst, type: 16, ttl: 120, data: { rs: '/eSCL', ty: 'HP LaserJet MFP' } },
      { name: 'hp.local', type: 1, ttl: 120, data: '192.168.1.20' },
    ]);
    expect(scannersFromRecords(decodeRecords(packet))).toEqual([
      { instance: 'HP 扫描 [AB12]', url: 'http://192.168.1.20:8080/eSCL', txt: { rs: '/eSCL', ty: 'HP LaserJet MFP' } },
    ]);
  });

  it('a truncated packet is an error, not a wrong address', () => {
    const packet = encodeResponse([{ name: '_uscan._tcp.local', type: 12, ttl: 120, data: 'x._uscan._tcp.local' }]);
    expect(() => decodeRecords(packet.subarray(0, packet.length - 4))).toThrow();
    expect(encodeQuery('_uscan._tcp.local').readUInt16BE(4)).toBe(1);
  });
});
