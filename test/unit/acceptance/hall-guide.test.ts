import { describe, expect, it } from 'vitest';
import { guideView } from '../../../electron/acceptance/catalog-view';
import { withHallValues } from '../../../electron/acceptance/hall-guide';
import { defaultCatalog } from '../catalog/default-catalog';

const HALL = {
  hall: { name: '滨江区政务服务中心', code: '' },
  window: { number: '12', name: '工程建设项目综合受理窗口', phone: '0571-87654321' },
};

describe('办事指南 with the hall’s configured values', () => {
  const guide = guideView(defaultCatalog(), '00016421100101');
  it('the shipped catalog is a template: its place and phone say so', () => {
    expect(guide.location).toContain('模板');
    expect(guide.consultPhone).toContain('模板');
  });
  it('shows the configured window and phone instead of the template placeholders', () => {
    const shown = withHallValues(guide, HALL);
    expect(shown.location).toBe('滨江区政务服务中心 12号窗口（工程建设项目综合受理窗口）');
    expect(shown.consultPhone).toBe('0571-87654321');
    expect(JSON.stringify(shown)).not.toContain('模板');
  });
  it('keeps a value a hall already wrote into its catalog', () => {
    const local = { ...guide, location: '江南大道1号 3楼', consultPhone: '0571-88888888' };
    expect(withHallValues(local, HALL)).toMatchObject({ location: '江南大道1号 3楼', consultPhone: '0571-88888888' });
  });
});
