import { elicenceCheckChar } from '../../shared/domain/identifiers';
import type { Platform } from './server';

/** A training/demo platform's first content: two e-licences, a calendar, a catalog, a number block. */
export function seedDemo(platform: Platform, workstationId: string): void {
  if (platform.store.meta('demo.seeded')) return;
  const licence = (type: string, issuer: string, serial: string): string => {
    const version = '1';
    return `1.2.156.3005.2.${type}.${issuer}.${serial}.${version}.${elicenceCheckChar(type + issuer + serial + version)}`;
  };
  const holder = '91110108MA01A2B3C4';
  platform.store.addElicence({
    identifier: licence('11100000000013338W', '11110000000021135M', '0001'),
    holderId: holder,
    licenceType: '营业执照',
    validUntil: null,
    data: { name: '示例建设有限公司', legalRepresentative: '张三' },
  });
  platform.store.addElicence({
    identifier: licence('11100000000013338W', '11110000000021135M', '0002'),
    holderId: holder,
    licenceType: '建筑业企业资质证书',
    validUntil: '2029-12-31',
    data: { grade: '施工总承包二级' },
  });
  platform.publish({ kind: 'calendar', year: 2025, data: { holidays: ['2025-10-01', '2025-10-02', '2025-10-03'], workdays: ['2025-09-28'] } });
  platform.publish({ kind: 'catalog', version: '2025.1', publishedAt: '2025-01-01T00:00:00.000Z', data: { items: [] } });
  platform.publish({ kind: 'case-number-block', prefix: 'ZH2025', first: 100_000, last: 100_999 }, workstationId);
  platform.store.setMeta('demo.seeded', new Date().toISOString());
}
