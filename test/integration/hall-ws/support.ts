import { elicenceCheckChar } from '../../../shared/domain/identifiers/elicence-id';

/** Polls until `probe` gives a value: the hall's routing and push arrive asynchronously; a test that would hang fails instead. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An e-licence number of GB/T 36904 shape, with its check character, from its four payload groups. */
export function elicenceNumber(payload: readonly string[]): string {
  return `1.2.156.3005.2.${payload.join('.')}.${elicenceCheckChar(payload.join(''))}`;
}
