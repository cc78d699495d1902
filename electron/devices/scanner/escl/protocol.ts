import { escapeXml, find, findAll, parseXml, textOf, XmlError, type XmlElement } from './xml';

/**
 * The eSCL (AirScan / Mopria scan) documents we read and write, after the published schema
 * (namespaces `scan` = http://schemas.hp.com/imaging/escl/2011/05/03, `pwg` =
 * http://www.pwg.org/schemas/2010/12/sm). Names are matched without prefixes.
 */
export const ESCL_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

export type EsclColorMode = 'BlackAndWhite1' | 'Grayscale8' | 'RGB24';
export type EsclInputSource = 'Platen' | 'Feeder';

export interface EsclInputCaps {
  colorModes: EsclColorMode[];
  formats: string[];
  resolutions: number[];
  /** In 1/300 inch, as eSCL counts. */
  maxWidth: number;
  maxHeight: number;
}

export interface EsclCapabilities {
  version: string;
  makeAndModel: string;
  uuid?: string;
  platen?: EsclInputCaps;
  adf?: EsclInputCaps & { duplex: boolean };
}

export interface EsclJobInfo {
  uri: string;
  state: string;
  reasons: string[];
  imagesCompleted: number;
}

export interface EsclStatus {
  /** Idle, Processing, Testing, Stopped, Down. */
  state: string;
  /** ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam, ScannerAdfDoorOpen, ScannerAdfMispick ... */
  adfState?: string;
  jobs: EsclJobInfo[];
}

export class EsclFormatError extends Error {
  constructor(
    readonly document: string,
    reason: string,
  ) {
    super(`${document}: ${reason}`);
    this.name = 'EsclFormatError';
  }
}

function parse(document: string, body: string, rootName: string): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(body);
  } catch (e) {
    throw new EsclFormatError(document, e instanceof XmlError ? e.message : String(e));
  }
  if (root.name !== rootName) throw new EsclFormatError(document, `root element is <${root.name}>, expected <${rootName}>`);
  return root;
}

const COLOR_MODES: readonly EsclColorMode[] = ['BlackAndWhite1', 'Grayscale8', 'RGB24'];

function inputCaps(el: XmlElement | undefined): EsclInputCaps | undefined {
  if (!el) return undefined;
  const colorModes = findAll(el, 'ColorMode')
    .map((c) => c.text.trim())
    .filter((m): m is EsclColorMode => (COLOR_MODES as readonly string[]).includes(m));
  const formats = [...new Set([...findAll(el, 'DocumentFormat'), ...findAll(el, 'DocumentFormatExt')].map((f) => f.text.trim()))];
  const resolutions = [
    ...new Set(
      findAll(el, 'DiscreteResolution')
        .map((r) => Number(textOf(r, 'XResolution')))
        .filter((n) => Number.isInteger(n) && n > 0),
    ),
  ].sort((a, b) => a - b);
  const range = find(el, 'ResolutionRange');
  if (resolutions.length === 0 && range) {
    const min = Number(textOf(range, 'Min'));
    const max = Number(textOf(range, 'Max'));
    for (const r of [75, 100, 150, 200, 300, 600]) if (r >= min && r <= max) resolutions.push(r);
  }
  return {
    colorModes: [...new Set(colorModes)],
    formats,
    resolutions,
    maxWidth: Number(textOf(el, 'MaxWidth') ?? 0),
    maxHeight: Number(textOf(el, 'MaxHeight') ?? 0),
  };
}

export function parseCapabilities(body: string): EsclCapabilities {
  const root = parse('ScannerCapabilities', body, 'ScannerCapabilities');
  const platen = inputCaps(find(root, 'PlatenInputCaps'));
  const adfEl = find(root, 'Adf');
  const adfSimplex = inputCaps(adfEl && find(adfEl, 'AdfSimplexInputCaps'));
  const duplex = !!adfEl && (!!find(adfEl, 'AdfDuplexInputCaps') || findAll(adfEl, 'AdfOption').some((o) => o.text.trim() === 'Duplex'));
  if (!platen && !adfSimplex) throw new EsclFormatError('ScannerCapabilities', 'neither Platen nor Adf input capabilities');
  const uuid = textOf(root, 'UUID');
  return {
    version: textOf(root, 'Version') ?? '',
    makeAndModel: textOf(root, 'MakeAndModel') ?? '',
    ...(uuid ? { uuid } : {}),
    ...(platen ? { platen } : {}),
    ...(adfSimplex ? { adf: { ...adfSimplex, duplex } } : {}),
  };
}

export function parseStatus(body: string): EsclStatus {
  const root = parse('ScannerStatus', body, 'ScannerStatus');
  const state = textOf(root, 'State');
  if (!state) throw new EsclFormatError('ScannerStatus', 'no State');
  const adfState = textOf(root, 'AdfState');
  return {
    state,
    ...(adfState ? { adfState } : {}),
    jobs: findAll(root, 'JobInfo').map((j) => ({
      uri: textOf(j, 'JobUri') ?? '',
      state: textOf(j, 'JobState') ?? '',
      reasons: findAll(j, 'JobStateReason').map((r) => r.text.trim()),
      imagesCompleted: Number(textOf(j, 'ImagesCompleted') ?? 0),
    })),
  };
}

export interface EsclScanSettings {
  source: EsclInputSource;
  duplex: boolean;
  colorMode: EsclColorMode;
  resolution: number;
  format: string;
  /** Region in 1/300 inch. */
  width: number;
  height: number;
}

export function scanSettingsXml(s: EsclScanSettings, version = '2.0'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:scan="${ESCL_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>${escapeXml(version)}</pwg:Version>
  <pwg:ScanRegions pwg:MustHonor="false">
    <pwg:ScanRegion>
      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>
      <pwg:XOffset>0</pwg:XOffset>
      <pwg:YOffset>0</pwg:YOffset>
      <pwg:Width>${Math.round(s.width)}</pwg:Width>
      <pwg:Height>${Math.round(s.height)}</pwg:Height>
    </pwg:ScanRegion>
  </pwg:ScanRegions>
  <pwg:DocumentFormat>${escapeXml(s.format)}</pwg:DocumentFormat>
  <scan:DocumentFormatExt>${escapeXml(s.format)}</scan:DocumentFormatExt>
  <pwg:InputSource>${s.source}</pwg:InputSource>
  <scan:ColorMode>${s.colorMode}</scan:ColorMode>
  <scan:XResolution>${s.resolution}</scan:XResolution>
  <scan:YResolution>${s.resolution}</scan:YResolution>${s.source === 'Feeder' ? `\n  <scan:Duplex>${s.duplex}</scan:Duplex>` : ''}
</scan:ScanSettings>
`;
}

/** The simulator's side: reads the client's ScanSettings. */
export function parseScanSettings(body: string): EsclScanSettings {
  const root = parse('ScanSettings', body, 'ScanSettings');
  const source = textOf(root, 'InputSource') === 'Feeder' ? 'Feeder' : 'Platen';
  const colorMode = (textOf(root, 'ColorMode') ?? 'RGB24') as EsclColorMode;
  if (!COLOR_MODES.includes(colorMode)) throw new EsclFormatError('ScanSettings', `unknown ColorMode ${colorMode}`);
  const resolution = Number(textOf(root, 'XResolution') ?? 300);
  if (!Number.isInteger(resolution) || resolution < 50 || resolution > 1200)
    throw new EsclFormatError('ScanSettings', `bad XResolution ${resolution}`);
  return {
    source,
    duplex: textOf(root, 'Duplex') === 'true',
    colorMode,
    resolution,
    format: textOf(root, 'DocumentFormatExt') ?? textOf(root, 'DocumentFormat') ?? 'image/jpeg',
    width: Number(textOf(root, 'Width') ?? 2480),
    height: Number(textOf(root, 'Height') ?? 3508),
  };
}

const mm300 = (mm: number) => Math.round((mm / 25.4) * 300);
export const A4_300THS = { width: mm300(210), height: mm300(297) } as const;
