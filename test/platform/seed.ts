import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elicenceCheckChar } from '../../shared/domain/identifiers';
import type { Platform } from './server';

/** A training/demo platform's first content: two e-licences, a calendar, a catalog, a number block. */
export async function seedDemo(platform: Platform, workstationId: string): Promise<void> {
  const sql = platform.hall.sql;
  const [seeded] = await sql.query<{ value: string }>("SELECT value FROM hall_settings WHERE key = 'demo.seeded'");
  if (seeded) return;
  const licence = (type: string, issuer: string, serial: string): string => {
    const version = '1';
    return `1.2.156.3005.2.${type}.${issuer}.${serial}.${version}.${elicenceCheckChar(type + issuer + serial + version)}`;
  };
  const holder = '91110108MA01A2B3C4';
  await platform.store.addElicence({
    identifier: licence('11100000000013338W', '11110000000021135M', '0001'),
    holderId: holder,
    licenceType: '营业执照',
    validUntil: null,
    data: { name: '示例建设有限公司', legalRepresentative: '张三' },
  });
  await platform.store.addElicence({
    identifier: licence('11100000000013338W', '11110000000021135M', '0002'),
    holderId: holder,
    licenceType: '建筑业企业资质证书',
    validUntil: '2029-12-31',
    data: { grade: '施工总承包二级' },
  });
  // The holiday notice is published per year in the workstation's holidays.json format.
  const builtin = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/calendar/holidays.json'), 'utf8')) as {
    years: { year: number }[];
  };
  const year2026 = builtin.years.find((y) => y.year === 2026);
  if (year2026) await platform.publish({ kind: 'calendar', year: 2026, data: year2026 });
  // The province's catalog: here the built-in template itself, as a platform would publish it.
  const catalog = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/catalog/default.json'), 'utf8')) as {
    version: string;
  };
  await platform.publish({ kind: 'catalog', version: catalog.version, publishedAt: '2026-01-01T00:00:00.000Z', data: catalog });
  await platform.publish({ kind: 'case-number-block', prefix: 'ZH2025', first: 100_000, last: 100_999 }, workstationId);
  await sql.query("INSERT INTO hall_settings (key, value) VALUES ('demo.seeded', $1) ON CONFLICT (key) DO NOTHING", [
    new Date().toISOString(),
  ]);
}
