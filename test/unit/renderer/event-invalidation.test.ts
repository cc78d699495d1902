import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ApiClient, EventName } from '../../../shared/api';
import { EVENT_NAMES } from '../../../shared/api/event-names';
import { events } from '../../../shared/api/events';
import { followDisplayEvents, followNodeEvents, STALE_ON } from '../../../renderer/src/api/event-invalidation';

/** The client's `on`, driven by hand: what the bridge or the event stream would deliver. */
function fakeBus() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const on = ((event: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  }) as ApiClient['on'];
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const count = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { on, emit, count };
}

function cacheWith(keys: [string, unknown][]): QueryClient {
  const qc = new QueryClient();
  for (const key of keys) qc.setQueryData(key, { cached: key[0] });
  return qc;
}

const stale = (qc: QueryClient, key: [string, unknown]) => qc.getQueryState(key)?.isInvalidated ?? false;

describe('the renderer cache follows the Node side events', () => {
  it('a case change makes lists, boards and figures stale, and leaves settings and an open document preview alone', () => {
    const keys: [string, unknown][] = [
      ['cases.list', { query: '' }],
      ['supervision.board', { limit: 50, offset: 0 }],
      ['stats.summary', { from: '2026-03-01', to: '2026-03-02', groupBy: 'department' }],
      ['settings.get', {}],
      ['documents.render', { caseId: 'c1', template: 'acceptance-notice' }],
    ];
    const qc = cacheWith(keys);
    const bus = fakeBus();
    followNodeEvents(qc, bus.on);
    bus.emit('cases.changed', { caseIds: ['c1'] });
    expect(keys.map((k) => [k[0], stale(qc, k)])).toEqual([
      ['cases.list', true],
      ['supervision.board', true],
      ['stats.summary', true],
      ['settings.get', false],
      ['documents.render', false],
    ]);
  });

  it('a saved configuration makes settings and devices stale, not cases', () => {
    const keys: [string, unknown][] = [
      ['settings.get', {}],
      ['devices.status', {}],
      ['cases.list', {}],
    ];
    const qc = cacheWith(keys);
    const bus = fakeBus();
    followNodeEvents(qc, bus.on);
    bus.emit('settings.changed', {});
    expect(keys.map((k) => stale(qc, k))).toEqual([true, true, false]);
  });

  it('device and sync events carry the whole state: the cache takes it without a read', () => {
    const qc = new QueryClient();
    const bus = fakeBus();
    followNodeEvents(qc, bus.on);
    const devices = [{ kind: 'idcard', label: '身份证读卡器', state: 'ready', message: '就绪', simulated: true }];
    bus.emit('devices.changed', devices);
    bus.emit('sync.status', { state: 'offline', queued: 3 });
    expect(qc.getQueryData(['devices.status', {}])).toEqual(devices);
    expect(qc.getQueryData(['sync.status', {}])).toEqual({ state: 'offline', queued: 3 });
  });

  it('unsubscribes every listener it added', () => {
    const bus = fakeBus();
    const off = followNodeEvents(new QueryClient(), bus.on);
    expect(bus.count()).toBeGreaterThan(0);
    off();
    expect(bus.count()).toBe(0);
  });

  it('names only events that exist, and the renderer subscribes to every event by name', () => {
    for (const name of Object.keys(STALE_ON)) expect(Object.keys(events)).toContain(name);
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });
});

describe('the applicant display keeps a rating prompt in the cache', () => {
  it('a prompt becomes the pending visit the display reads, replacing an earlier answer', () => {
    const qc = new QueryClient();
    qc.setQueryData(['ratings.pending', {}], { visit: null });
    const bus = fakeBus();
    followDisplayEvents(qc, bus.on);
    bus.emit('ratings.prompt', { visitId: 'v1', caseNumbers: ['W1-2026-000001'] });
    expect(qc.getQueryData(['ratings.pending', {}])).toEqual({ visit: { visitId: 'v1', caseNumbers: ['W1-2026-000001'] } });
  });
});
