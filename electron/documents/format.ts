/** Dates as official documents print them: Arabic numerals, no leading zeros (GB/T 9704). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function chineseDateTime(iso: string): string {
  const time = iso.slice(11, 16);
  return time ? `${chineseDate(iso)} ${time}` : chineseDate(iso);
}

export function materialCount(originals: number, copies: number): string {
  const parts: string[] = [];
  if (originals > 0) parts.push(`原件${originals}份`);
  if (copies > 0) parts.push(`复印件${copies}份`);
  return parts.join('，') || '—';
}
