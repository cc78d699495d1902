import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, seedCase, seedFoundation, versionBefore, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 12 (people)', () => {
  it('fills each earlier case’s agent and certificate types from its application’s parties', () => {
    old = databaseAt(versionBefore(12));
    const { db } = old;
    seedFoundation(db);
    const withAgent = seedCase(db);
    const withoutAgent = seedCase(db, { caseId: 'c-2', caseNumber: 'W3-2026-000002', applicationId: 'a-2' });
    const parties = (agent: unknown) =>
      JSON.stringify({
        applicant: { name: '杭州某置业有限公司', certificateType: '统一社会信用代码', idNumber: '91330106MA2B3C4D5E' },
        agent,
      });
    const setParties = db.prepare('UPDATE stage_applications SET parties = ? WHERE id = ?');
    setParties.run(
      parties({ name: '张经办', certificateType: '港澳居民来往内地通行证', idNumber: 'H12345678', phone: '13800000000' }),
      withAgent.applicationId,
    );
    setParties.run(parties(null), withoutAgent.applicationId);
    old.migrateTo(12);
    const row = db.prepare(
      'SELECT applicant_certificate_type, agent_name, agent_certificate_type, agent_id_number FROM item_cases WHERE id = ?',
    );
    expect(row.get(withAgent.caseId)).toEqual({
      applicant_certificate_type: '统一社会信用代码',
      agent_name: '张经办',
      agent_certificate_type: '港澳居民来往内地通行证',
      agent_id_number: 'H12345678',
    });
    expect(row.get(withoutAgent.caseId)).toEqual({
      applicant_certificate_type: '统一社会信用代码',
      agent_name: '',
      agent_certificate_type: null,
      agent_id_number: '',
    });
    // The case list searches agents by these columns.
    expect(db.prepare("SELECT case_number FROM item_cases WHERE agent_name = '张经办'").all()).toEqual([{ case_number: 'W3-2026-000001' }]);
  });
});
