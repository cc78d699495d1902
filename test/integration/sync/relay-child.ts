/**
 * A workstation process for the kill test: opens the data directory, starts the relay, and
 * runs until the parent SIGKILLs it (no clean shutdown on purpose).
 */
import { join } from 'node:path';
import { BlobStore } from '../../../electron/store/blobs';
import { openDatabase } from '../../../electron/store/database';
import { createSyncService } from '../../../electron/sync/service';
import { fastConfig } from './helpers';

const [dir, url] = process.argv.slice(2);
if (!dir || !url) throw new Error('usage: relay-child <dataDir> <platformUrl>');
const db = openDatabase(join(dir, 'ws.db'));
const service = createSyncService({ db, blobs: new BlobStore(db, join(dir, 'blobs')), config: { ...fastConfig(url), batchSize: 50 } });
service.start();
process.stdout.write('started\n');
