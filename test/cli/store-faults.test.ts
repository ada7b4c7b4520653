import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { fillDisk, setReadOnly, smallDisk } from '../helpers/small-disk.js';
import { jobsOnDisk } from '../helpers/test-store.js';

const startSim = useSimulator();
const TOKEN = 'tok-store-faults-41b7';
const KiB = 1024;

/** A finished, saved job in `home`. */
async function savedJob(home: string) {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  const job = sim.addJob({ durationMs: 30_000, videoSize: 32 * KiB });
  const out = path.join(home, 'videos');
  const args = ['watch', job.jobid, '--out', out, '--interval', '0.1', '--json'];
  expect((await runCli(args, env)).code).toBe(0);
  return { sim, env, job, args, out, dbFile: path.join(home, 'jobs.db') };
}

/** What a run printed about the job: never announced or downloaded a second time. */
function expectNoRepeat(stdout: string, jobid: string) {
  const records = ndjson(stdout).filter((r) => r.jobid === jobid);
  expect(records.map((r) => r.type)).toContain('job-known');
  expect(records.filter((r) => r.type === 'job-finished' || r.type === 'download-saved')).toEqual([]);
}

const sideFiles = (file: string) => ['', '-wal', '-shm'].map((suffix) => `${file}${suffix}`);

describe('the jobs database under faults, through the CLI', () => {
  it('a second run on the same home finds the job saved: nothing announced or saved again', async () => {
    const home = tempHome();
    const { env, job, args, out } = await savedJob(home);
    const again = await runCli(args, env);
    expect([again.code, again.stderr]).toEqual([0, '']);
    expectNoRepeat(again.stdout, job.jobid);
    expect(fs.readdirSync(out)).toHaveLength(1);
  });

  it.each([
    [
      'not a database',
      (file: string) => fs.writeFileSync(file, 'these are not the pages of a database\n'.repeat(200)),
    ],
    ['truncated', (file: string) => fs.truncateSync(file, 40)],
  ])('a jobs.db that is %s is moved aside and reported, never silently replaced', async (_what, damage) => {
    const home = tempHome();
    const { env, args, dbFile } = await savedJob(home);
    damage(dbFile);
    const damaged = fs.readFileSync(dbFile);
    const result = await runCli(args, env);
    expect(result.code).toBe(0);
    const moved = (result.stdout + result.stderr).match(/it was moved to (\S+jobs\.db\.corrupt-[\w-]+)/);
    expect(moved, result.stdout + result.stderr).not.toBeNull();
    expect(fs.readFileSync(moved![1]!).equals(damaged)).toBe(true);
    expect(Object.keys(jobsOnDisk(home))).toHaveLength(1); // the new database holds this run's job
  });

  it('a disk that fills up mid-run: said once, exits 1, nothing it had is lost, and the next run saves again', async (ctx) => {
    const disk = smallDisk(1024);
    if (!disk) return ctx.skip();
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: disk };
    const first = sim.addJob({ durationMs: 30_000 });
    const args = (jobid: string) => ['watch', jobid, '--interval', '0.1', '--no-download', '--json'];
    expect((await runCli(args(first.jobid), env)).code).toBe(0);

    const second = sim.addJob({ durationMs: 600_000, prompt: 'x'.repeat(64 * KiB) });
    const cli = startCli(args(second.jobid), env);
    await cli.waitFor('"type":"job-updated"');
    const filler = fillDisk(disk);
    const full = await cli.done;
    fs.rmSync(filler);
    // A run that cannot remember what it announced must not claim success.
    expect(full.code).toBe(1);
    const errors = ndjson(full.stdout).filter((r) => r.type === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/cannot save the jobs file .*full/i),
    ]);
    expect(Object.keys(jobsOnDisk(disk)).sort()).toEqual([first.jobid, second.jobid].sort());

    const after = await runCli(args(second.jobid), env);
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(jobsOnDisk(disk)[second.jobid]).toMatchObject({ state: 'completed', finishAnnounced: true });
  });

  it('a read-only home: refused before any request, once, and the database is left as it was', async (ctx) => {
    const disk = smallDisk(1024);
    if (!disk) return ctx.skip();
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: disk };
    const first = sim.addJob({ durationMs: 30_000 });
    const watch = (jobid: string) => runCli(['watch', jobid, '--interval', '0.1', '--no-download'], env);
    expect((await watch(first.jobid)).code).toBe(0);
    const before = sideFiles(path.join(disk, 'jobs.db')).map((f) =>
      fs.existsSync(f) ? fs.readFileSync(f) : null,
    );
    setReadOnly(disk, true);
    const readOnly = await watch(sim.addJob({ durationMs: 30_000 }).jobid);
    setReadOnly(disk, false);
    expect(readOnly.code).toBe(2);
    expect(
      readOnly.stderr.match(/PIXVERSE_TRAY_HOME .* cannot be used as the folder for tracked jobs \(EROFS\)/g),
    ).toHaveLength(1);
    const after = sideFiles(path.join(disk, 'jobs.db')).map((f) =>
      fs.existsSync(f) ? fs.readFileSync(f) : null,
    );
    expect(after).toEqual(before);
  });
});
