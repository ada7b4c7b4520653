import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Database } from '../../../main/core/store/sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../main/core/store/database.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { tempDir } from '../../helpers/temp.js';
import { testStore } from '../../helpers/test-store.js';

const OPEN_STORE = pathToFileURL(path.resolve('dist/main/core/store/open-store.js')).href;
const CLOCK = pathToFileURL(path.resolve('dist/main/core/clock.js')).href;

/** A process that adds, updates and claims jobs as fast as it can, printing each jobid once committed. */
const WRITER = `
const { openStoreIn } = await import(${JSON.stringify(OPEN_STORE)});
const { systemClock } = await import(${JSON.stringify(CLOCK)});
const { store } = openStoreIn(process.argv[1], { clock: systemClock, onStoreError: (e) => { console.error(e.message); process.exit(3); } });
for (let i = 0; ; i++) {
  const jobid = 'job-' + i;
  store.add(jobid);
  store.update(jobid, { snapshot: { prompt: 'p'.repeat(i % 2000), status: 'progress' } });
  store.claimFinish(jobid, { state: 'completed' });
  store.update(jobid, { downloads: { v: { state: 'saved', bytes: i, file: '/v/' + i } } });
  process.stdout.write(jobid + '\\n');
}
`;

describe('kill -9 in the middle of writes', () => {
  it('loses no committed job and leaves a database that checks out', async () => {
    const dir = tempDir('crash');
    const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.split('\n').length > 500) resolve();
      });
      child.on('exit', () => reject(new Error(`the writer exited early: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const committed = out.split('\n').slice(0, -1); // the last line may be cut short

    const db = new Database(databasePath(dir), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const { store } = testStore(new FakeClock(), dir);
    for (const jobid of committed)
      expect(store.get(jobid), jobid).toMatchObject({
        state: 'completed',
        finishAnnounced: true,
        downloads: { v: { state: 'saved' } },
      });
  }, 60_000);
});
