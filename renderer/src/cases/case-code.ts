import { DEFAULT_CODE_PATTERN } from '../app/wedge-rules';

const WHOLE_CODE = new RegExp(`^(?:${DEFAULT_CODE_PATTERN})$`);

/**
 * Does text typed, pasted or scanned into a search box name one case (a 办件编号 or a document's
 * QR payload OW1:…) rather than words to search for? Then the box opens that case.
 */
export function looksLikeCaseCode(text: string): boolean {
  const t = text.trim();
  return WHOLE_CODE.test(t) || WHOLE_CODE.test(t.toUpperCase());
}
