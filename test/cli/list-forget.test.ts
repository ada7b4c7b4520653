import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, runCliPiped, tempHome } from '../helpers/cli.js';
import { seedHome, V2_ID } from '../helpers/cli-store.js';
import { tempDir } from '../helpers/temp.js';
import { jobsOnDisk } from '../helpers/test-store.js';

function homeWithJobs() {
  const home = tempHome();
  const video = path.join(home, 'fox.mp4');
  fs.writeFileSync(video, 'not really a video');
  seedHome(home, [
    {
      jobid: 'job-done',
      state: 'completed',
      prompt: 'A red fox',
      downloads: { a: { state: 'saved', file: video, bytes: 18 } },
    },
    { jobid: 'job-failed', state: 'failed', error: 'Generation failed: server error' },
    { jobid: V2_ID, source: 'v2', state: 'active', progress: 40, prompt: 'A paper boat' },
    {
      jobid: 'job-unsaved',
      state: 'completed',
      downloads: { a: { state: 'failed', bytes: 0, error: 'The CDN answered 403' } },
    },
  ]);
  return { home, video, env: { PIXVERSE_TRAY_HOME: home } };
}

const jobidsOf = (stdout: string) => ndjson(stdout).map((r) => r.jobid);

describe('pixverse-tray list', () => {
  it('lists every tracked job newest first, v1 and v2, one line each', async () => {
    const { env, video } = homeWithJobs();
    const result = await runCli(['list'], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/ {2,}/)[3])).toEqual([
      'job-unsaved',
      V2_ID,
      'job-failed',
      'job-done',
    ]);
    expect(lines[0]).toMatch(/ v1 {2}completed .*download failed: The CDN answered 403/);
    expect(lines[1]).toMatch(/ v2 {2}active .*running 40% {2}"A paper boat"$/);
    expect(lines[2]).toContain('Generation failed: server error');
    expect(lines[3]).toContain(`${video} (18 B)`);
  });

  it.each([
    ['--active', [V2_ID]],
    ['--finished', ['job-unsaved', 'job-failed', 'job-done']],
    ['--problems', ['job-unsaved', 'job-failed']],
  ])('%s --json keeps only those, each line naming its source', async (filter, expected) => {
    const { env } = homeWithJobs();
    const result = await runCli(['list', filter, '--json'], env);
    expect(result.code).toBe(0);
    expect(jobidsOf(result.stdout)).toEqual(expected);
    for (const record of ndjson(result.stdout))
      expect(record.source).toBe(record.jobid === V2_ID ? 'v2' : 'v1');
  });

  it('--json writes the fields a script reads', async () => {
    const { env, video } = homeWithJobs();
    const records = ndjson((await runCli(['list', '--json'], env)).stdout);
    expect(records.find((r) => r.jobid === 'job-done')).toMatchObject({
      source: 'v1',
      state: 'completed',
      prompt: 'A red fox',
      files: [{ state: 'saved', file: video, bytes: 18 }],
    });
    expect(records.find((r) => r.jobid === V2_ID)).toMatchObject({
      source: 'v2',
      state: 'active',
      progress: 40,
    });
  });

  it('says a download that stopped half way is not finished (not "saving"), and a waiting job why', async () => {
    const home = tempHome();
    seedHome(home, [
      {
        jobid: 'job-half',
        state: 'completed',
        downloads: { a: { state: 'downloading', bytes: 1024 * 1024, total: 4 * 1024 * 1024 } },
      },
    ]);
    const lines = (await runCli(['list'], { PIXVERSE_TRAY_HOME: home })).stdout;
    expect(lines).toContain('job-half  download not finished (1.0 MB of 4.0 MB)');
    expect(lines).not.toContain('saving');
  });

  it('says none of the tracked jobs matches a filter, rather than that no job is tracked', async () => {
    const { env, home } = homeWithJobs();
    await runCli(['forget', 'job-failed', 'job-unsaved'], env);
    const result = await runCli(['list', '--problems'], env);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe(`None of the 2 jobs tracked under ${home} is a problem.\n`);
  });

  it('says so, and creates nothing, when the home tracks no job', async () => {
    const home = path.join(tempHome(), 'never-used');
    const result = await runCli(['list'], { PIXVERSE_TRAY_HOME: home });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain(`No jobs are tracked under ${home}.`);
    expect(fs.existsSync(home)).toBe(false);
  });

  it('reads ~ in PIXVERSE_TRAY_HOME as the home folder, and says so with --json too', async () => {
    const home = tempHome();
    const cwd = tempDir('cwd');
    const result = await runCli(['list', '--json'], { HOME: home, PIXVERSE_TRAY_HOME: '~/tray-home' }, cwd);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain(`No jobs are tracked under ${path.join(home, 'tray-home')}.`);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it.each([
    [['--active', '--problems'], 'Choose one of --active, --finished, --problems.'],
    [['--activ'], 'list has no option "--activ". Did you mean --active?'],
    [['--json=yes'], '"--json" takes no value.'],
    [['job-done'], 'list takes no JOBID ("job-done").'],
  ])('refuses %j with exit 2, naming what is wrong', async (args, message) => {
    const { env } = homeWithJobs();
    const result = await runCli(['list', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`pixverse-tray: ${message}`);
    expect(result.stderr).toContain(
      'Usage:\n  pixverse-tray list [--active | --finished | --problems] [--json]\n',
    );
    expect(result.stderr).toContain("Run 'pixverse-tray help list'");
  });

  it('stops quietly with 141 when its reader closes stdout (| head -1)', async () => {
    const home = tempHome();
    // More lines than a pipe holds: the reader is gone while the list is still being written.
    seedHome(
      home,
      Array.from({ length: 3000 }, (_, i) => ({ jobid: `job-${i}`, prompt: 'x'.repeat(40) })),
    );
    const result = await runCliPiped(['list'], 'head -1', { PIXVERSE_TRAY_HOME: home });
    const lines = result.stdout.trim().split('\n');
    // One object: a failure shows the exit status, the lines and stderr together.
    expect({ code: result.cliCode, lines: lines.length, stderr: result.stderr }).toEqual({
      code: 141,
      lines: 1,
      stderr: '',
    });
    expect(lines[0]).toContain('job-2999');
  }, 60_000);
});

describe('pixverse-tray forget', () => {
  it('stops tracking the jobs named and leaves their saved videos', async () => {
    const { env, home, video } = homeWithJobs();
    const result = await runCli(['forget', 'job-done', V2_ID], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`forgot job-done; its video stays in ${video}`);
    expect(result.stdout).toContain(`forgot ${V2_ID}`);
    expect(Object.keys(jobsOnDisk(home)).sort()).toEqual(['job-failed', 'job-unsaved']);
    expect(fs.readFileSync(video, 'utf8')).toBe('not really a video');
    expect(jobidsOf((await runCli(['list', '--json'], env)).stdout)).toEqual(['job-unsaved', 'job-failed']);
  });

  it('deletes the .part of a download that stopped half way, which nothing would resume, and says so', async () => {
    const home = tempHome();
    const folder = tempDir('videos');
    const file = path.join(folder, 'clip.mp4');
    fs.writeFileSync(`${file}.part`, 'half a video');
    const other = path.join(folder, 'other.mp4');
    fs.writeFileSync(`${other}.part`, 'another job, held by a live process');
    seedHome(home, [
      { jobid: 'job-half', state: 'completed', downloads: { a: { state: 'downloading', file, bytes: 12 } } },
      {
        jobid: 'job-held',
        state: 'completed',
        downloads: {
          a: {
            state: 'downloading',
            file: other,
            bytes: 9,
            owner: process.pid,
            leaseUntil: Date.now() + 60_000,
          },
        },
      },
    ]);
    const result = await runCli(['forget', 'job-half', 'job-held'], { PIXVERSE_TRAY_HOME: home });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`forgot job-half; its unfinished download ${file}.part was deleted`);
    expect(result.stdout).toContain('forgot job-held\n');
    expect(fs.readdirSync(folder)).toEqual(['other.mp4.part']); // another process is still writing it
  });

  it('deletes the .part of a job pruned for its age (over 31 days) as it forgets the job', async () => {
    const home = tempHome();
    const folder = tempDir('videos');
    const file = path.join(folder, 'old.mp4');
    fs.writeFileSync(`${file}.part`, 'half a video nothing will resume');
    const recent = path.join(folder, 'recent.mp4');
    fs.writeFileSync(`${recent}.part`, 'half a video of a recent job');
    const created = Date.now() - 32 * 24 * 3_600_000;
    seedHome(home, [
      {
        jobid: 'job-old',
        state: 'completed',
        created,
        added: created,
        downloads: { a: { state: 'failed', file, bytes: 32 } },
      },
      {
        jobid: 'job-recent',
        state: 'completed',
        created: Date.now() - 30 * 24 * 3_600_000,
        downloads: { a: { state: 'failed', file: recent, bytes: 28 } },
      },
    ]);
    const result = await runCli(['list', '--json'], { PIXVERSE_TRAY_HOME: home });
    expect(result.code).toBe(0);
    expect(jobidsOf(result.stdout)).toEqual(['job-recent']);
    expect(fs.readdirSync(folder)).toEqual(['recent.mp4.part']);
  });

  it('keeps a job made over 31 days ago but tracked recently (a video saved now is not saved again)', async () => {
    const home = tempHome();
    seedHome(home, [
      { jobid: 'job-made-long-ago', state: 'completed', created: Date.now() - 40 * 24 * 3_600_000 },
    ]);
    const result = await runCli(['list', '--json'], { PIXVERSE_TRAY_HOME: home });
    expect(jobidsOf(result.stdout)).toEqual(['job-made-long-ago']);
  });

  it('says which jobs it does not know and exits 1, after forgetting the others', async () => {
    const { env, home } = homeWithJobs();
    const result = await runCli(['forget', 'no-such-job', 'job-failed'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: no-such-job is not tracked under ${home}.`);
    expect(result.stdout).toContain('forgot job-failed');
    expect(Object.keys(jobsOnDisk(home))).not.toContain('job-failed');
  });

  it('stops quietly with 141 when its reader closes stdout (| head -1)', async () => {
    const home = tempHome();
    // More "forgot" lines than a pipe holds.
    const jobids = Array.from({ length: 6000 }, (_, i) => `job-${i}`);
    seedHome(
      home,
      jobids.map((jobid) => ({ jobid })),
    );
    const result = await runCliPiped(['forget', ...jobids], 'head -1', { PIXVERSE_TRAY_HOME: home });
    expect({ code: result.cliCode, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 141,
      stdout: 'forgot job-0\n',
      stderr: '',
    });
  }, 60_000);

  it('exits 1 on a home that tracks nothing, creating nothing', async () => {
    const home = path.join(tempHome(), 'never-used');
    const result = await runCli(['forget', 'job-1'], { PIXVERSE_TRAY_HOME: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('job-1 is not tracked');
    expect(fs.existsSync(home)).toBe(false);
  });

  it.each([
    [[], 'forget needs at least one JOBID.'],
    [['bad id'], 'JOBID "bad id": That does not look like a jobid'],
    [['--all'], 'forget has no option "--all".'],
  ])('refuses %j with exit 2', async (args, message) => {
    const { env, home } = homeWithJobs();
    const result = await runCli(['forget', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(Object.keys(jobsOnDisk(home))).toHaveLength(4);
  });
});
