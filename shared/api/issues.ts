/**
 * The one mapper from zod issues to `{ path, message }` details. Two ways to write the path:
 * - 'field' (default), for contract errors: `agent.phone`, `items.0.code` — the renderer splits
 *   it on dots to mark the form field (antd name paths);
 * - 'file', for people fixing a JSON file (catalog, calendar, wording): `items[3].materials[0]`,
 *   and `(根)` for the file as a whole.
 */
import type { z } from 'zod';

export interface IssueDetail {
  path: string;
  message: string;
}

export type IssuePathStyle = 'field' | 'file';

export function issuePath(path: readonly PropertyKey[], style: IssuePathStyle = 'field'): string {
  if (style === 'field') return path.map(String).join('.');
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(根)' : out;
}

export function issueDetails(error: { issues: readonly z.core.$ZodIssue[] }, style: IssuePathStyle = 'field'): IssueDetail[] {
  return error.issues.map((i) => ({ path: issuePath(i.path, style), message: i.message }));
}
