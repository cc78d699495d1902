import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import jpeg from 'jpeg-js';
import { encodePng } from '../../../documents/png';
import { syntheticPagePixels } from '../simulated-scanner';
import { ESCL_NS, parseScanSettings, PWG_NS, type EsclScanSettings } from './protocol';

/**
 * An eSCL scanner of our own on loopback: the training mode's network multifunction printer
 * and the integration tests' device. It follows the published eSCL flow — ScannerCapabilities,
 * ScannerStatus, POST ScanJobs (201 + Location), GET NextDocument per image (404 when the job
 * has no more), DELETE to cancel — and can jam, vanish or answer malformed XML on demand.
 */
export interface EsclSimulatorOptions {
  /** Sheets in the feeder; a duplex job gives two images per sheet. */
  feederSheets?: number;
  /** Time to scan one image: the paced rate the bench compares against. */
  imageDelayMs?: number;
  /** The feeder jams once, after this many images of a job have been delivered. */
  jamAfterImages?: number;
  /** The device drops off the network after this many images of a job have been delivered. */
  vanishAfterImages?: number;
  /** Which document comes back broken. */
  malformed?: 'capabilities' | 'status' | 'none';
  makeAndModel?: string;
  /** image/jpeg (what real devices send) or image/png. */
  format?: 'image/jpeg' | 'image/png';
}

interface Job {
  id: string;
  settings: EsclScanSettings;
  images: number;
  delivered: number;
  state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  reason: string;
  created: number;
}

const RESOLUTIONS = [75, 100, 150, 200, 300];
const MODES = ['BlackAndWhite1', 'Grayscale8', 'RGB24'];

function inputCaps(tag: string, formats: string[]): string {
  return `<scan:${tag}>
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes>${MODES.map((m) => `<scan:ColorMode>${m}</scan:ColorMode>`).join('')}</scan:ColorModes>
        <scan:DocumentFormats>${formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat><scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`).join('')}</scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>${RESOLUTIONS.map((r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`).join('')}</scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:${tag}>`;
}

export class EsclSimulator {
  readonly uuid = randomUUID();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly jobs = new Map<string, Job>();
  private readonly images = new Map<string, Uint8Array>();
  private sheets: number;
  private jammed = false;
  private jamArmed: boolean;
  private imageDelayMs: number;
  private port = 0;
  /** Every request as "METHOD path", for tests that check the client's conversation. */
  readonly requests: string[] = [];

  constructor(private readonly options: EsclSimulatorOptions = {}) {
    this.sheets = options.feederSheets ?? 10;
    this.jamArmed = options.jamAfterImages !== undefined;
    this.imageDelayMs = options.imageDelayMs ?? 0;
  }

  /** The base URL a client is configured with, e.g. http://127.0.0.1:40123/eSCL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/eSCL`;
  }

  get listeningPort(): number {
    return this.port;
  }

  /** Changes the time to scan one image (the bench warms the image cache unpaced first). */
  pace(imageDelayMs: number): void {
    this.imageDelayMs = imageDelayMs;
  }

  /** Training: put paper back in the feeder and clear a jam. */
  loadFeeder(sheets: number): void {
    this.sheets = sheets;
    this.jammed = false;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** The scanner drops off the network: open connections are cut, new ones refused. */
  vanish(): void {
    this.server?.close();
    for (const s of this.sockets) s.destroy();
    this.server = undefined;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.vanish();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private formats(): string[] {
    return [this.options.format ?? 'image/jpeg'];
  }

  private capabilities(): string {
    if (this.options.malformed === 'capabilities')
      return `<?xml version="1.0"?><scan:ScannerCapabilities xmlns:scan="${ESCL_NS}"><pwg:Version>2.63</scan:ScannerCapabilities`;
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="${ESCL_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${this.options.makeAndModel ?? 'OneWindow eSCL 培训扫描仪'}</pwg:MakeAndModel>
  <pwg:SerialNumber>OW-SIM-0001</pwg:SerialNumber>
  <scan:UUID>${this.uuid}</scan:UUID>
  <scan:Platen>
    ${inputCaps('PlatenInputCaps', this.formats())}
  </scan:Platen>
  <scan:Adf>
    ${inputCaps('AdfSimplexInputCaps', this.formats())}
    ${inputCaps('AdfDuplexInputCaps', this.formats())}
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>
`;
  }

  private status(): string {
    if (this.options.malformed === 'status') return '<scan:ScannerStatus><pwg:State>Idle</pwg:State>';
    const busy = [...this.jobs.values()].some((j) => j.state === 'Processing');
    const adf = this.jammed ? 'ScannerAdfJam' : this.sheets > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
    const jobs = [...this.jobs.values()]
      .map(
        (j) =>
          `<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/${j.id}</pwg:JobUri><pwg:JobUuid>${j.id}</pwg:JobUuid><scan:Age>${Math.round((Date.now() - j.created) / 1000)}</scan:Age><pwg:ImagesCompleted>${j.delivered}</pwg:ImagesCompleted><pwg:ImagesToTransfer>${Math.max(0, j.images - j.delivered)}</pwg:ImagesToTransfer><pwg:JobState>${j.state}</pwg:JobState><pwg:JobStateReasons><pwg:JobStateReason>${j.reason}</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>`,
      )
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="${ESCL_NS}" xmlns:pwg="${PWG_NS}"><pwg:Version>2.63</pwg:Version><pwg:State>${busy ? 'Processing' : 'Idle'}</pwg:State><scan:AdfState>${adf}</scan:AdfState><scan:Jobs>${jobs}</scan:Jobs></scan:ScannerStatus>
`;
  }

  private image(index: number, s: EsclScanSettings): Uint8Array {
    const key = `${index}:${s.resolution}:${s.colorMode}:${s.format}`;
    const cached = this.images.get(key);
    if (cached) return cached;
    const p = syntheticPagePixels(index, s.resolution, { width: (s.width / 300) * 25.4, height: (s.height / 300) * 25.4 });
    let bytes: Uint8Array;
    if (s.format === 'image/png') bytes = encodePng(p.width, p.height, 1, p.grey);
    else {
      const rgba = new Uint8Array(p.width * p.height * 4);
      for (let i = 0; i < p.grey.length; i++) {
        rgba.fill(p.grey[i]!, i * 4, i * 4 + 3);
        rgba[i * 4 + 3] = 255;
      }
      bytes = new Uint8Array(jpeg.encode({ width: p.width, height: p.height, data: rgba }, 75).data);
    }
    if (this.images.size > 40) this.images.clear();
    this.images.set(key, bytes);
    return bytes;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    this.requests.push(`${req.method} ${path}`);
    const body = await new Promise<string>((resolve) => {
      let b = '';
      req.on('data', (c: Buffer) => (b += c.toString('utf8')));
      req.on('end', () => resolve(b));
      req.on('error', () => resolve(b));
    });
    const xml = (code: number, text: string): void => void res.writeHead(code, { 'Content-Type': 'text/xml' }).end(text);
    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') return xml(200, this.capabilities());
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return xml(200, this.status());
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') return this.createJob(body, res);
    const m = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument)?$/.exec(path);
    const job = m ? this.jobs.get(m[1]!) : undefined;
    if (!m || !job) return void res.writeHead(404).end();
    if (req.method === 'DELETE' && !m[2]) {
      if (job.state === 'Processing') Object.assign(job, { state: 'Canceled', reason: 'JobCanceledByUser' });
      return void res.writeHead(200).end();
    }
    if (req.method === 'GET' && m[2]) return this.nextDocument(job, res);
    res.writeHead(405).end();
  }

  private createJob(body: string, res: ServerResponse): void {
    let settings: EsclScanSettings;
    try {
      settings = parseScanSettings(body);
    } catch {
      return void res.writeHead(400).end();
    }
    if ([...this.jobs.values()].some((j) => j.state === 'Processing')) return void res.writeHead(503).end();
    if (settings.source === 'Feeder' && (this.sheets === 0 || this.jammed)) return void res.writeHead(409).end();
    const id = randomUUID();
    const images = settings.source === 'Feeder' ? this.sheets * (settings.duplex ? 2 : 1) : 1;
    this.jobs.set(id, { id, settings, images, delivered: 0, state: 'Processing', reason: 'JobScanning', created: Date.now() });
    res.writeHead(201, { Location: `${this.url}/ScanJobs/${id}` }).end();
  }

  private async nextDocument(job: Job, res: ServerResponse): Promise<void> {
    if (job.state !== 'Processing') return void res.writeHead(404).end();
    if (job.delivered >= job.images) {
      Object.assign(job, { state: 'Completed', reason: 'JobCompletedSuccessfully' });
      return void res.writeHead(404).end();
    }
    if (this.options.vanishAfterImages !== undefined && job.delivered >= this.options.vanishAfterImages) {
      this.vanish();
      return;
    }
    if (this.jamArmed && job.delivered >= (this.options.jamAfterImages ?? 0)) {
      this.jammed = true;
      this.jamArmed = false;
      Object.assign(job, { state: 'Aborted', reason: 'AdfJam' });
      return void res.writeHead(500).end();
    }
    await sleep(this.imageDelayMs);
    // Cancelled while this image was being scanned.
    if ((job.state as Job['state']) !== 'Processing') return void res.writeHead(404).end();
    const bytes = this.image(job.delivered + 1, job.settings);
    job.delivered++;
    if (job.settings.source === 'Feeder' && (!job.settings.duplex || job.delivered % 2 === 0)) this.sheets--;
    res.writeHead(200, { 'Content-Type': job.settings.format, 'Content-Length': bytes.length }).end(bytes);
  }
}
