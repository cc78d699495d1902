import { describe, expect, it } from 'vitest';
import { windowTitle } from '../../../renderer/src/hall/window-title';

describe('the header names the window as the hall does', () => {
  const local = { hallName: '日照市政务服务中心', windowNumber: '1' };
  it('a back office by its hall name and role, not as a numbered counter', () => {
    const t = windowTitle(
      { enrolled: true, hallName: '日照市政务服务中心', windowName: '自然资源和规划局后台', role: 'back-office' },
      local,
    );
    expect(t).toBe('日照市政务服务中心 · 自然资源和规划局后台 · 部门后台审批');
    expect(t).not.toContain('号窗口');
  });
  it('an issuing window named after its role once, a counter with its number and role', () => {
    expect(windowTitle({ enrolled: true, hallName: 'H', windowName: '统一出件窗口', role: 'issuing' }, local)).toBe('H · 统一出件窗口');
    expect(windowTitle({ enrolled: true, hallName: 'H', windowName: '3号窗口', role: 'counter' }, local)).toBe(
      'H · 3号窗口 · 综合受理窗口',
    );
  });
  it('outside a hall (or before the status arrives) the configured number', () => {
    expect(windowTitle({ enrolled: false, hallName: null, windowName: null, role: null }, local)).toBe('日照市政务服务中心 · 1号窗口');
    expect(windowTitle(undefined, local)).toBe('日照市政务服务中心 · 1号窗口');
    expect(windowTitle(undefined, undefined)).toBe('');
  });
});
