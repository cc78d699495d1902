/**
 * Structured one-line logs to stderr. Callers pass ids and codes, never names or ID numbers;
 * as a second guard anything shaped like an ID number is masked before it is written.
 */
const ID_NUMBER = /\b(\d{6})(\d{8})(\d{3}[\dXx])\b/g;

function scrub(text: string): string {
  return text.replace(ID_NUMBER, (_m, a: string, _b: string, c: string) => `${a}********${c}`);
}

function write(level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void {
  if (process.env.ONEWINDOW_LOG === 'silent') return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  process.stderr.write(scrub(line) + '\n');
}

export const log = {
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
  scrub,
};
