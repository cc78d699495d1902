import m0001 from './0001_foundation';
import m0002 from './0002_cases';
import m0003 from './0003_lifecycle';
import m0004 from './0004_signing';
import m0005 from './0005_sync';
import m0006 from './0006_acceptance';
import m0007 from './0007_calendar';
import m0010 from './0010_pre_acceptance';
import m0012 from './0012_people';
import m0013 from './0013_board_keyset';
import m0014 from './0014_journal_version';
import m0015 from './0015_hall';
import m0016 from './0016_hall_replicas';

/**
 * Every migration, in order. `version` is what PRAGMA user_version holds once it is applied.
 * Append only: a shipped migration is never edited, and synced tables change only additively.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: m0001 },
  { version: 2, name: 'cases', sql: m0002 },
  { version: 3, name: 'lifecycle', sql: m0003 },
  { version: 4, name: 'signing', sql: m0004 },
  { version: 5, name: 'sync', sql: m0005 },
  { version: 6, name: 'acceptance', sql: m0006 },
  { version: 7, name: 'calendar', sql: m0007 },
  { version: 10, name: 'pre-acceptance', sql: m0010 },
  { version: 12, name: 'people', sql: m0012 },
  { version: 13, name: 'board-keyset', sql: m0013 },
  { version: 14, name: 'journal-version', sql: m0014 },
  { version: 15, name: 'hall', sql: m0015 },
  { version: 16, name: 'hall-replicas', sql: m0016 },
];
