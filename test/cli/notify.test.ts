import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchCommand } from '../../main/cli/args.js';
import type { DesktopNotification, Notifier } from '../../main/cli/notify.js';
import type { Output } from '../../main/cli/output.js';
import { runWatch } from '../../main/cli/watch.js';
import { ndjson, runCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { tempDir } from '../helpers/temp.js';

const startSim = useSimulator();
const TOKEN = 'tok-5d1e9a0c7b3f';

/** Records what would be shown, instead of showing it. */
class RecordingNotifier implements Notifier {
  readonly shown: DesktopNotification[] = [];
  show(notification: DesktopNotification): Promise<void> {
    this.shown.push(notification);
    return Promise.resolve();
  }
}

const quietIo = (): Output & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), err: (line) => lines.push(line) };
};

function watchCommand(jobids: string[], notify: boolean): WatchCommand {
  return {
    command: 'watch',
    jobs: jobids.map((jobid) => ({ jobid, source: 'v1' as const })),
    all: false,
    exitWhenIdle: false,
    notify,
    download: false,
    intervalMs: 100,
    timeoutMs: 2000,
    idleTimeoutMs: 2000,
    json: true,
  };
}

describe('--notify', () => {
  it('shows one notification per job that completes, fails or is moderated in this run', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const home = tempHome();
    const env = { token: TOKEN, baseUrl: sim.apiUrl, home };
    // Finished before this run: old news, not announced.
    const earlier = sim.addJob({ prompt: 'an earlier clip', durationMs: 10_000 });
    await runWatch(watchCommand([earlier.jobid], false), env, quietIo());

    const ok = sim.addJob({ prompt: 'a lighthouse in a storm', durationMs: 30_000 });
    const failed = sim.addJob({ prompt: 'a paper boat', durationMs: 30_000, outcome: 'failed' });
    const moderated = sim.addJob({ prompt: 'a forbidden prompt', durationMs: 30_000, outcome: 'moderated' });
    const notifier = new RecordingNotifier();
    const ids = [earlier.jobid, ok.jobid, failed.jobid, moderated.jobid];
    const io = quietIo();
    const code = await runWatch(watchCommand(ids, true), env, io, { notifier });
    expect(code, io.lines.join('\n')).toBe(1);
    const byTitle = Object.fromEntries(notifier.shown.map((n) => [n.title, n.message]));
    expect(notifier.shown).toHaveLength(3);
    expect(byTitle['PixVerse video ready']).toBe('a lighthouse in a storm');
    expect(byTitle['PixVerse job failed']).toMatch(/^a paper boat\n\S/);
    expect(byTitle['PixVerse job moderated']).toMatch(/^a forbidden prompt\n\S/);
  });

  it('is off by default: nothing is shown without --notify', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const job = sim.addJob({ durationMs: 20_000 });
    const notifier = new RecordingNotifier();
    const env = { token: TOKEN, baseUrl: sim.apiUrl, home: tempHome() };
    expect(await runWatch(watchCommand([job.jobid], false), env, quietIo(), { notifier })).toBe(0);
    expect(notifier.shown).toEqual([]);
  });

  it('reaches the desktop through notify-send on Linux (a stand-in that records its arguments)', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const job = sim.addJob({ prompt: 'a heron taking off', durationMs: 20_000 });
    const bin = tempDir('bin');
    const record = path.join(bin, 'shown.txt');
    fs.writeFileSync(path.join(bin, 'notify-send'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${record}'\n`, {
      mode: 0o755,
    });
    const env = {
      USEAPI_TOKEN: TOKEN,
      USEAPI_BASE_URL: sim.apiUrl,
      PIXVERSE_TRAY_HOME: tempHome(),
      PATH: `${bin}:${process.env.PATH}`,
    };
    const result = await runCli(['watch', job.jobid, '--interval', '0.1', '--no-download', '--notify'], env);
    expect(result.code, result.stderr).toBe(0);
    const args = fs.readFileSync(record, 'utf8').split('\n');
    expect(args).toContain('PixVerse video ready');
    expect(args).toContain('a heron taking off');
  });

  it('stays silent where no notification service exists, and the run succeeds', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const job = sim.addJob({ durationMs: 20_000 });
    // A PATH with node's folder only: no notify-send anywhere on it.
    const env = {
      USEAPI_TOKEN: TOKEN,
      USEAPI_BASE_URL: sim.apiUrl,
      PIXVERSE_TRAY_HOME: tempHome(),
      PATH: path.dirname(process.execPath),
    };
    expect(fs.existsSync(path.join(env.PATH, 'notify-send'))).toBe(false);
    const args = ['watch', job.jobid, '--interval', '0.1', '--no-download', '--notify', '--json'];
    const result = await runCli(args, env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const records = ndjson(result.stdout);
    expect(records.at(-2)).toMatchObject({ type: 'job-finished', state: 'completed' });
    expect(records.at(-1)).toMatchObject({ type: 'summary', totals: { completed: 1 } });
  });
});
