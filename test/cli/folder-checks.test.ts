import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { tempDir } from '../helpers/temp.js';

// Every folder a run needs is checked before any is created: a refused one leaves nothing on disk.
const TOKEN = 'tok-folder-checks-8a21';
// Nothing is ever asked of this API: every run below is refused before its first request.
const BASE_URL = 'http://127.0.0.1:9';
const startSim = useSimulator();

/** A simulator at 100× time and the environment of a run on `home` against it. */
async function simulated(home: string) {
  const s = await startSim({ timeScale: 100, token: TOKEN });
  return { s, env: { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: s.apiUrl, PIXVERSE_TRAY_HOME: home } };
}

async function refusedWatch(root: string, out: string) {
  const result = await runCli(['watch', 'job-a', '--out', out], {
    USEAPI_TOKEN: TOKEN,
    USEAPI_BASE_URL: BASE_URL,
    PIXVERSE_TRAY_HOME: path.join(root, 'newhome', 'cfg'),
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/--out .* cannot be used as a download folder/);
  expect(fs.readdirSync(root)).toEqual([]);
  return result;
}

describe('pixverse-tray watch with an --out it cannot use', () => {
  it('under /proc: the jobs folder is not created either', async () => {
    await refusedWatch(tempDir('refused'), '/proc/pxt-foo');
  });

  it('5,000 levels deep: refused for its length, no folder made, the echo cut short', async () => {
    const root = tempDir('refused');
    const result = await refusedWatch(root, path.join(root, 'deep', 'a/'.repeat(5000)));
    expect(result.stderr).toMatch(/ENAMETOOLONG/);
    expect(result.stderr.length).toBeLessThan(2000);
  });

  it('with a folder name over 255 bytes: refused, no folder made', async () => {
    const root = tempDir('refused');
    const result = await refusedWatch(root, path.join(root, 'new', 'é'.repeat(200), 'videos'));
    expect(result.stderr).toMatch(/ENAMETOOLONG/);
  });

  it('below a file: refused as not a folder, no folder made', async () => {
    const root = tempDir('refused');
    const outside = tempDir('file');
    fs.writeFileSync(path.join(outside, 'clip.txt'), '');
    await refusedWatch(root, path.join(outside, 'clip.txt', 'videos'));
    expect(fs.readdirSync(outside)).toEqual(['clip.txt']);
  });
});

describe('argument echoes and names in usage errors', () => {
  it('cuts a 10 kB jobid to 60 characters, as every echo is', async () => {
    const result = await runCli(['watch', 'j'.repeat(10_000)], { USEAPI_TOKEN: TOKEN });
    expect(result.code).toBe(2);
    const first = result.stderr.split('\n')[0]!;
    expect(first).toMatch(/JOBID "j{55,60}…"/);
    expect(first.length).toBeLessThan(200);
  });

  it('says a JOBID is missing without quoting an empty one', async () => {
    const result = await runCli(['watch'], { USEAPI_TOKEN: TOKEN });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('pixverse-tray: watch needs at least one JOBID.');
  });

  it('cuts a 10 kB --out to 60 characters', async () => {
    const result = await runCli(['watch', 'job-a', '--out', `/tmp/${'d'.repeat(10_000)}`], {
      USEAPI_TOKEN: TOKEN,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/d{50,58}…/);
    expect(result.stderr.split('\n')[0]).not.toMatch(/d{59}/);
  });

  it('names --out when it is empty', async () => {
    const result = await runCli(['watch', 'job-a', '--out', ''], { USEAPI_TOKEN: TOKEN });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/--out/);
  });
});

describe('pixverse-tray watch: the download folder', () => {
  it('is not created by a run that saves nothing into it (the job failed)', async () => {
    const home = tempHome();
    const { s, env } = await simulated(home);
    const bad = s.addJob({ durationMs: 30_000, outcome: 'failed' });
    const videos = path.join(tempDir('videos'), 'not yet', 'PixVerse');
    fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ downloadFolder: videos }));
    const result = await runCli(['watch', bad.jobid, '--interval', '0.1', '--timeout', '2'], env);
    expect(result.code).toBe(1);
    expect(fs.existsSync(path.dirname(videos))).toBe(false);
  });

  it('is refused before anything is asked when it cannot be made, as --out is', async () => {
    const home = tempHome();
    const { s, env } = await simulated(home);
    const job = s.addJob({ durationMs: 30_000 });
    const outside = tempDir('file');
    fs.writeFileSync(path.join(outside, 'clip.txt'), '');
    const videos = path.join(outside, 'clip.txt', 'videos');
    fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ downloadFolder: videos }));
    const result = await runCli(['watch', job.jobid, '--interval', '0.1'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/download folder .* cannot be used as a download folder \(ENOTDIR\)/);
    expect(s.counts.api).toBe(0);
  });

  it('is not guessed when settings.json is there but cannot be read: refused, naming the file and --out', async () => {
    const home = tempHome();
    const { s, env } = await simulated(home);
    const job = s.addJob({ durationMs: 30_000 });
    fs.mkdirSync(path.join(home, 'settings.json')); // unreadable as a file (EISDIR), as a locked one is
    const result = await runCli(['watch', job.jobid, '--interval', '0.1'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(
      /settings\.json could not be read \(EISDIR\); fix it or pass --out\.$/,
    );
    expect(s.counts.api).toBe(0);
    expect(fs.existsSync(path.join(home, 'Downloads'))).toBe(false);
  });
});
