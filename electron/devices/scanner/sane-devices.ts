import { runTool } from '../printer/run-tool';
import type { ScannerDevice } from './scanner';

const SEP = '\u001f';

/** `scanimage -f` with a unit separator between fields: device names contain colons. */
export const LIST_FORMAT = `%d${SEP}%v${SEP}%m${SEP}%t%n`;

export function parseDeviceList(stdout: string): ScannerDevice[] {
  return stdout
    .split('\n')
    .filter((l) => l.includes(SEP))
    .map((l) => {
      const [name = '', vendor = '', model = '', type = ''] = l.split(SEP);
      return { name, vendor, model, type };
    });
}

export async function listSaneDevices(env: NodeJS.ProcessEnv = process.env): Promise<ScannerDevice[]> {
  const out = await runTool('scanimage', ['-f', LIST_FORMAT], env, 60_000);
  return parseDeviceList(out.stdout);
}
