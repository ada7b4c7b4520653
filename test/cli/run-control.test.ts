import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, runCliPiped, startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { tempDir } from '../helpers/temp.js';
import { jobsOnDisk } from '../helpers/test-store.js';

// How the CLI ends a run: signals, a closed stdout, folders it cannot use (issue #9 item 15).
const startSim = useSimulator();
const TOKEN = 'tok-runcontrol-5c1d';
const MiB = 1024 * 1024;
const NO_STACK = /\n\s+at |EPIPE|Error:/;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function setup() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  return { sim, home, out: path.join(home, 'videos'), env };
}

/** A folder this process cannot create files in; root ignores permission bits, but not procfs. */
function unwritableDir(): string {
  const dir = tempDir('readonly');
  fs.chmodSync(dir, 0o555);
  try {
    fs.writeFileSync(path.join(dir, 'probe'), '');
    return '/proc/self/fdinfo';
  } catch {
    return dir;
  }
}

describe('pixverse-tray ends a run when asked', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('exits 130 on %s while polling', async (signal) => {
    const { sim, env } = await setup();
    const job = sim.addJob({ durationMs: 3_600_000 });
    const cli = startCli(['watch', job.jobid, '--interval', '0.1', '--no-download', '--json'], env);
    await cli.waitFor('"type":"job-updated"');
    cli.child.kill(signal);
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it('exits 130 on SIGTERM mid-download, leaving a .part the next run resumes', async () => {
    const { sim, out, env } = await setup();
    const job = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: 2 * MiB });
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 1000 }); // 64 KiB a second: still running when killed
    const args = ['watch', job.jobid, '--out', out, '--interval', '0.1', '--idle-timeout', '60', '--json'];
    const cli = startCli(args, env);
    await cli.waitFor('"type":"download-progress"');
    cli.child.kill('SIGTERM');
    expect((await cli.done).code).toBe(130);
    expect(fs.readdirSync(out).filter((name) => name.endsWith('.part'))).toHaveLength(1);
    const again = await runCli(args, env);
    expect(again.code).toBe(0);
    const saved = ndjson(again.stdout).find((r) => r.type === 'download-saved');
    expect(sha256(String(saved?.file))).toBe(job.attachments[0]!.video.sha256());
  });

  it('the next step it suggests after SIGINT mid-download (retry JOBID) finishes the video where it was going', async () => {
    const { sim, home, out, env } = await setup();
    const job = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: 2 * MiB });
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 1000 });
    const args = ['watch', job.jobid, '--out', out, '--interval', '0.1', '--idle-timeout', '60', '--json'];
    const cli = startCli(args, env);
    await cli.waitFor('"type":"download-progress"');
    // Some bytes on disk first: the point is a .part with something in it.
    const partSize = () =>
      fs
        .readdirSync(out)
        .filter((name) => name.endsWith('.part'))
        .reduce((sum, name) => sum + fs.statSync(path.join(out, name)).size, 0);
    for (let i = 0; i < 200 && partSize() === 0; i++) await new Promise((r) => setTimeout(r, 25));
    cli.child.kill('SIGINT');
    const first = await cli.done;
    expect(first.code).toBe(130);
    expect(first.stdout + first.stderr).toContain(`pixverse-tray retry ${job.jobid}`);
    const [part] = fs.readdirSync(out).filter((name) => name.endsWith('.part'));
    expect(part).toBeDefined();
    // `list` says what is on disk so far, whatever the run last wrote down before it was stopped.
    const partBytes = fs.statSync(path.join(out, part!)).size;
    expect(partBytes).toBeGreaterThan(0);
    const listed = ndjson((await runCli(['list', '--json'], env)).stdout);
    expect(listed[0]?.files).toEqual([expect.objectContaining({ bytes: partBytes })]);
    // As suggested: no --out. The video already has its name in `out`, so it is finished there.
    const again = await runCli(['retry', job.jobid, '--json'], env);
    expect(again.code).toBe(0);
    const saved = ndjson(again.stdout).find((r) => r.type === 'download-saved');
    expect(saved?.file).toBe(path.join(out, part!.replace(/\.part$/, '')));
    expect(sha256(String(saved?.file))).toBe(job.attachments[0]!.video.sha256());
    expect(fs.readdirSync(out).filter((name) => name.endsWith('.part'))).toEqual([]);
    const defaultFolder = path.join(home, 'Downloads', 'PixVerse Tray');
    expect(fs.existsSync(defaultFolder) ? fs.readdirSync(defaultFolder) : []).toEqual([]);
  });
});

describe('pixverse-tray with a closed stdout', () => {
  it.each([[['demo', '--json']], [['demo']]])(
    '%j | head -1 ends quietly: one line, no stack trace, the CLI gone',
    async (args) => {
      const result = await runCliPiped(args, 'head -1', { PIXVERSE_TRAY_HOME: tempHome() });
      expect(result.stdout.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(NO_STACK);
      // Quietly: no summary of a run the reader walked away from.
      expect(result.stderr).not.toContain('Interrupted after');
      expect(result.cliCode).toBe(141);
    },
    60_000,
  );

  it('watch | head -1 mid-download leaves a consistent jobs database and .part; the next run finishes', async () => {
    const { sim, home, out, env } = await setup();
    const job = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: MiB });
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 100 });
    const args = ['watch', job.jobid, '--out', out, '--interval', '0.1', '--json'];
    const piped = await runCliPiped(args, 'head -1', env);
    expect(ndjson(piped.stdout)).toHaveLength(1);
    expect(piped.stderr).toBe('');
    expect(piped.cliCode).toBe(141);
    expect(jobsOnDisk(home)[job.jobid]?.state).toBe('completed');
    expect(fs.readdirSync(out).every((name) => name.endsWith('.part'))).toBe(true);

    const again = await runCli(args, env);
    expect(again.code).toBe(0);
    const saved = ndjson(again.stdout).find((r) => r.type === 'download-saved');
    expect(sha256(String(saved?.file))).toBe(job.attachments[0]!.video.sha256());
    expect(fs.readdirSync(out)).toEqual([path.basename(String(saved?.file))]);
  });
});

describe('pixverse-tray refuses folders it cannot use, before creating anything', () => {
  it('--out under /proc is a usage error at once, not a spin', async () => {
    const { sim, env } = await setup();
    const job = sim.addJob();
    const result = await runCli(['watch', job.jobid, '--out', '/proc/pxt-videos/x'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out \/proc\/pxt-videos\/x cannot be used as a download folder/);
    expect(sim.apiRequests).toEqual([]);
  }, 20_000);

  it('a refused --interval creates neither the download folder nor the jobs folder', async () => {
    const root = tempDir('nothing');
    const home = path.join(root, 'home');
    const out = path.join(root, 'videos');
    const result = await runCli(['watch', 'a', '--interval', '5', '--out', out], {
      USEAPI_TOKEN: TOKEN,
      PIXVERSE_TRAY_HOME: home,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/at least 10 s/);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('a jobs folder it cannot write: said once, exit 2, no request made', async () => {
    const { sim, out, env } = await setup();
    const job = sim.addJob({ durationMs: 20_000 });
    const home = unwritableDir();
    const result = await runCli(['watch', job.jobid, '--out', out, '--interval', '0.1'], {
      ...env,
      PIXVERSE_TRAY_HOME: home,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.match(/cannot/gi)).toHaveLength(1);
    expect(result.stderr).toContain(`PIXVERSE_TRAY_HOME ${home} cannot be used`);
    expect(sim.apiRequests).toEqual([]);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a jobs folder moved away mid-run: the open database keeps every write, found again with the folder', async () => {
    const { sim, home, env } = await setup();
    const job = sim.addJob({ durationMs: 600_000 });
    const cli = startCli(['watch', job.jobid, '--interval', '0.1', '--no-download', '--json'], env);
    await cli.waitFor('"type":"job-updated"');
    // The folder is taken away (an unmounted disk, a removed folder): a file now stands in its place.
    fs.renameSync(home, `${home}-gone`);
    fs.writeFileSync(home, '');
    const result = await cli.done;
    fs.rmSync(home);
    fs.renameSync(`${home}-gone`, home);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(ndjson(result.stdout).filter((r) => r.type === 'error')).toEqual([]);
    expect(ndjson(result.stdout).at(-2)).toMatchObject({ type: 'job-finished', state: 'completed' });
    expect(jobsOnDisk(home)[job.jobid]).toMatchObject({ state: 'completed', finishAnnounced: true });
  });
});

describe('pixverse-tray expands ~ in download folders', () => {
  it('"downloadFolder": "~/Videos" in settings.json saves under the home folder', async () => {
    const { sim, home, env } = await setup();
    fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ downloadFolder: '~/Videos' }));
    const job = sim.addJob({ durationMs: 20_000 });
    const cwd = tempDir('cwd');
    const result = await startCli(['watch', job.jobid, '--interval', '0.1'], { ...env, HOME: home }, cwd)
      .done;
    expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(home, 'Videos'))).toHaveLength(1);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('--out=~/clips saves under the home folder', async () => {
    const { sim, home, env } = await setup();
    const job = sim.addJob({ durationMs: 20_000 });
    const result = await runCli(['watch', job.jobid, '--interval', '0.1', '--out=~/clips'], {
      ...env,
      HOME: home,
    });
    expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(home, 'clips'))).toHaveLength(1);
  });

  it('~user is refused clearly, and nothing is created', async () => {
    const { sim, env } = await setup();
    const job = sim.addJob();
    const cwd = tempDir('cwd');
    const result = await startCli(['watch', job.jobid, '--out', '~someone/videos'], env, cwd).done;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/~someone/);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
