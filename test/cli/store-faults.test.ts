import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { fillDisk, setReadOnly, smallDisk } from '../helpers/small-disk.js';

const startSim = useSimulator();
const TOKEN = 'tok-store-faults-41b7';
const KiB = 1024;

/** A finished, saved job in `home`, written twice so that jobs.json.bak holds the same state. */
async function savedJob(home: string) {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  const job = sim.addJob({ durationMs: 30_000, videoSize: 32 * KiB });
  const out = path.join(home, 'videos');
  const args = ['watch', job.jobid, '--out', out, '--interval', '0.1', '--json'];
  for (let run = 0; run < 2; run++) expect((await runCli(args, env)).code).toBe(0);
  return { sim, env, job, args, out, jobsFile: path.join(home, 'jobs.json') };
}

/** What a run printed about the job: never announced or downloaded a second time. */
function expectNoRepeat(stdout: string, jobid: string) {
  const records = ndjson(stdout).filter((r) => r.jobid === jobid);
  expect(records.map((r) => r.type)).toContain('job-known');
  expect(records.filter((r) => r.type === 'job-finished' || r.type === 'download-saved')).toEqual([]);
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('the jobs file under faults, through the CLI', () => {
  it.each([
    ['truncated', (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40))],
    ['emptied', (file: string) => fs.writeFileSync(file, '')],
    ['deleted', (file: string) => fs.rmSync(file)],
  ])(
    'a %s jobs.json is restored from jobs.json.bak: nothing announced or saved again',
    async (_what, damage) => {
      const home = tempHome();
      const { env, job, args, out, jobsFile } = await savedJob(home);
      damage(jobsFile);
      const result = await runCli(args, env);
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).toMatch(/previous good copy .*jobs\.json\.bak was restored/);
      expectNoRepeat(result.stdout, job.jobid);
      expect(fs.readdirSync(out)).toHaveLength(1);
      expect(JSON.parse(fs.readFileSync(jobsFile, 'utf8')).jobs[job.jobid]).toMatchObject({
        state: 'completed',
      });
    },
  );

  it('a lock left by a dead process, or one far too old, does not stop the next run', async () => {
    const home = tempHome();
    const { env, job, args, jobsFile } = await savedJob(home);
    fs.writeFileSync(`${jobsFile}.lock`, `${await deadPid()}\n`);
    const afterDead = await runCli(args, env);
    expect([afterDead.code, afterDead.stderr]).toEqual([0, '']);
    expectNoRepeat(afterDead.stdout, job.jobid);

    fs.writeFileSync(`${jobsFile}.lock`, `${process.pid}\n`); // alive, but hung for a minute
    const minuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(`${jobsFile}.lock`, minuteAgo, minuteAgo);
    const afterOld = await runCli(args, env);
    expect([afterOld.code, afterOld.stderr]).toEqual([0, '']);
    expect(fs.existsSync(`${jobsFile}.lock`)).toBe(false);
  });

  it('a full disk: says once that the jobs file cannot be saved, exits 1, keeps the last good jobs.json, and saves again once there is space', async (ctx) => {
    const disk = smallDisk(1024);
    if (!disk) return ctx.skip();
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: disk };
    const first = sim.addJob({ durationMs: 30_000 });
    const watch = (jobid: string) => runCli(['watch', jobid, '--interval', '0.1', '--no-download'], env);
    expect((await watch(first.jobid)).code).toBe(0);
    const good = fs.readFileSync(path.join(disk, 'jobs.json'), 'utf8');
    const filler = fillDisk(disk);

    const second = sim.addJob({ durationMs: 30_000 });
    const full = await watch(second.jobid);
    // A run that cannot remember what it announced must not claim success.
    expect(full.code).toBe(1);
    expect(full.stderr.match(/cannot save the jobs file \(Cannot save the job store .*ENOSPC/g)).toHaveLength(
      1,
    );
    expect(fs.readFileSync(path.join(disk, 'jobs.json'), 'utf8')).toBe(good);

    fs.rmSync(filler);
    const after = await watch(second.jobid);
    expect([after.code, after.stderr]).toEqual([0, '']);
    const jobs = JSON.parse(fs.readFileSync(path.join(disk, 'jobs.json'), 'utf8')).jobs;
    expect(Object.keys(jobs).sort()).toEqual([first.jobid, second.jobid].sort());
  });

  it('a read-only home: refused before any request, once, and the last good jobs.json is kept', async (ctx) => {
    const disk = smallDisk(1024);
    if (!disk) return ctx.skip();
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: disk };
    const first = sim.addJob({ durationMs: 30_000 });
    const watch = (jobid: string) => runCli(['watch', jobid, '--interval', '0.1', '--no-download'], env);
    expect((await watch(first.jobid)).code).toBe(0);
    const good = fs.readFileSync(path.join(disk, 'jobs.json'), 'utf8');
    setReadOnly(disk, true);
    const readOnly = await watch(sim.addJob({ durationMs: 30_000 }).jobid);
    setReadOnly(disk, false);
    expect(readOnly.code).toBe(2);
    expect(
      readOnly.stderr.match(/PIXVERSE_TRAY_HOME .* cannot be used as the folder for tracked jobs \(EROFS\)/g),
    ).toHaveLength(1);
    expect(fs.readFileSync(path.join(disk, 'jobs.json'), 'utf8')).toBe(good);
  });
});
