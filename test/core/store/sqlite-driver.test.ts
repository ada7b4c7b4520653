import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SQLITE_DRIVER } from '../../../main/core/store/sqlite-driver.js';
import { tempDir } from '../../helpers/temp.js';

const DRIVER = pathToFileURL(path.resolve('dist/main/core/store/sqlite-driver.js')).href;

/**
 * Statements made and dropped by the thousand while writing to a pipe, collected whenever the
 * collector runs: with better-sqlite3 12 on Node 24 this aborts the process (134,
 * `Assertion failed: (env) != nullptr` in ~Statement), every time at this size.
 */
const CHURN = `
const { Database } = await import(${JSON.stringify(DRIVER)});
for (let round = 0; round < 20; round++) {
  const db = new Database(process.argv[1] + '/churn-' + round + '.db');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  for (let i = 0; i < 1000; i++) {
    db.prepare('INSERT INTO t (v) VALUES (?)').run('x' + i);
    process.stdout.write('row ' + i + '\\n');
  }
  db.close();
}
console.log('done');
`;

describe('the SQLite driver for this Node', () => {
  it(`(${SQLITE_DRIVER} on Node ${process.versions.node}) lets statements be collected and the process exit cleanly`, () => {
    const result = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', CHURN, tempDir('sqlite-churn')],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect({
      status: result.status,
      last: result.stdout.trim().split('\n').at(-1),
      stderr: result.stderr,
    }).toEqual({
      status: 0,
      last: 'done',
      stderr: '',
    });
  }, 60_000);
});
