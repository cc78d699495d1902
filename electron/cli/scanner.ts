import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import { EsclSimulator, pagesToPdf, SaneScanner, ScanInterruptedError, startEsclResponder, type ScanMode } from '../devices/scanner';
import { deviceInventory } from '../devices/device-inventory';
import { CliError, type CliCommand } from './command';

const MODES: readonly ScanMode[] = ['Color', 'Gray', 'Lineart'];

export const commands: CliCommand[] = [
  {
    path: ['devices', 'scanner', 'list'],
    summary: '列出本机各驱动（eSCL、SANE、WIA）找到的扫描仪',
    usage: 'onewindow devices scanner list',
    async run(_args, io) {
      const devices = (await deviceInventory({ env: io.env })).filter((d) => d.kind === 'scanner');
      if (devices.length === 0) io.out('no scanners');
      for (const d of devices) io.out(`${d.driver}\t${d.id}\t${d.label}\t${d.state}\t${d.message}`);
      return 0;
    },
  },
  {
    path: ['devices', 'scanner', 'escl-simulator'],
    summary: '运行 eSCL 培训扫描仪（本机回环地址）',
    usage: 'onewindow devices scanner escl-simulator [--port 0] [--sheets 10] [--page-ms 500] [--mdns-port 5353]',
    async run(args, io) {
      const { values } = parseArgs({
        args,
        options: {
          port: { type: 'string', default: '0' },
          sheets: { type: 'string', default: '10' },
          'page-ms': { type: 'string', default: '500' },
          'mdns-port': { type: 'string' },
        },
      });
      const sim = await new EsclSimulator({ feederSheets: Number(values.sheets), imageDelayMs: Number(values['page-ms']) }).start(
        Number(values.port),
      );
      const responder = values['mdns-port']
        ? await startEsclResponder({
            port: Number(values['mdns-port']),
            instance: 'OneWindow 培训扫描仪',
            httpPort: sim.listeningPort,
            model: 'OneWindow eSCL',
            uuid: sim.uuid,
          })
        : undefined;
      io.out(`eSCL training scanner: ${sim.url} (Ctrl+C to stop)`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      responder?.close();
      await sim.stop();
      return 0;
    },
  },
  {
    path: ['devices', 'scanner', 'scan'],
    summary: '扫描多页并合成一个 PDF',
    usage:
      'onewindow devices scanner scan [--device d] [--resolution 200] [--mode Gray|Color|Lineart] [--source Flatbed|"Automatic Document Feeder"] [--pages n] --out file.pdf',
    async run(args, io) {
      const { values } = parseArgs({
        args,
        options: {
          device: { type: 'string' },
          resolution: { type: 'string', default: '200' },
          mode: { type: 'string', default: 'Gray' },
          source: { type: 'string' },
          pages: { type: 'string' },
          out: { type: 'string' },
        },
      });
      if (!values.out) throw new CliError('--out <file.pdf> is required', 2);
      const resolution = Number(values.resolution);
      if (!Number.isInteger(resolution) || resolution < 50 || resolution > 1200) throw new CliError('--resolution must be 50..1200', 2);
      const mode = MODES.find((m) => m.toLowerCase() === values.mode.toLowerCase());
      if (!mode) throw new CliError(`--mode must be one of ${MODES.join(', ')}`, 2);
      const pages = values.pages ? Number(values.pages) : undefined;
      if (pages !== undefined && (!Number.isInteger(pages) || pages < 1)) throw new CliError('--pages must be a positive integer', 2);
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      try {
        const batch = await new SaneScanner({ env: io.env }).scan(
          {
            resolution,
            mode,
            ...(values.device ? { device: values.device } : {}),
            ...(values.source ? { source: values.source } : {}),
            ...(pages ? { pages } : {}),
          },
          { signal: abort.signal, onPage: (p) => io.err(`page ${p.index}: ${Math.round(p.bytes.length / 1024)} KB`) },
        );
        if (batch.pages.length === 0) throw new CliError('no pages scanned', 1);
        await writeFile(values.out, await pagesToPdf(batch.pages));
        io.out(
          `${values.out}: ${batch.pages.length} page(s)${batch.cancelled ? ' (cancelled)' : ''}${batch.feederEmpty ? ' (feeder empty)' : ''}`,
        );
        return 0;
      } catch (e) {
        if (e instanceof ScanInterruptedError && e.pages.length > 0) {
          // Keep what was captured: IT can see how far the scanner got.
          await writeFile(values.out, await pagesToPdf(e.pages));
          io.err(`partial result with ${e.pages.length} page(s) written to ${values.out}`);
        }
        if (e instanceof AppError) throw new CliError(e.message, 1);
        throw e;
      } finally {
        process.off('SIGINT', onSigint);
      }
    },
  },
];
