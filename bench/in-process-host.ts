/**
 * The browser host as it was before the core got its own process: the workstation and the HTTP
 * front in one process and one event loop. Only bench/ui-latency.ts starts it, to print the
 * "before" figures beside the split host's.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from '../electron/browser-host';
import { inProcessLink } from '../electron/core/core-link';
import { openWorkstation } from '../electron/workstation';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'static-dir': { type: 'string' } } });
const dataDir = values['data-dir']!;
const ws = openWorkstation({ dataDir, hostKind: 'browser-host' });
ws.start();
const host = await startBrowserHost(inProcessLink(ws), {
  staticDir: values['static-dir']!,
  tokenFile: join(dataDir, 'browser-host.token'),
});
process.stdout.write(`ready ${host.url}\n`);
process.on('SIGTERM', () => {
  void host
    .close()
    .then(() => ws.stop())
    .finally(() => process.exit(0));
});
