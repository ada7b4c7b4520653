// Two processes (the app and a CLI run, two `watch` runs) opening a jobs database that does not exist
// yet, at the same moment: both must get it. Two child processes open the same fresh file round after
// round, meeting before each round (each leaves a mark beside the file and waits for the other's).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';

const DATABASE_JS = path.resolve('dist/main/core/store/database.js');
const ROUNDS = 1000;

const OPENER = `
const fs = require('node:fs');
const path = require('node:path');
const [module, dir, rounds, me, other] = process.argv.slice(1);
const nap = new Int32Array(new SharedArrayBuffer(4));
import(module).then(({ openDatabase }) => {
  const failures = [];
  for (let round = 0; round < Number(rounds); round++) {
    const folder = path.join(dir, 'r' + round);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, me), '');
    while (!fs.existsSync(path.join(folder, other))) Atomics.wait(nap, 0, 0, 1);
    // A few ms apart at random: one may be setting up the file while the other writes its schema.
    Atomics.wait(nap, 0, 0, Math.random() * 4);
    try {
      openDatabase(path.join(folder, 'jobs.db'), () => 0).db.close();
    } catch (error) {
      failures.push(error.message);
    }
  }
  process.stdout.write(JSON.stringify(failures));
});
`;

function opener(dir: string, me: string, other: string): Promise<string[]> {
  const child = spawn(process.execPath, ['-e', OPENER, DATABASE_JS, dir, String(ROUNDS), me, other]);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(out)))),
  );
}

describe('opening a new jobs database from two processes at once', () => {
  it(`never fails for either of them (${ROUNDS} rounds, each on a fresh file)`, async () => {
    const dir = tempDir('open-race');
    const failures = (await Promise.all([opener(dir, 'a', 'b'), opener(dir, 'b', 'a')])).flat();
    expect(failures).toEqual([]);
  }, 60_000);
});
