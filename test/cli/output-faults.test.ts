import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCliPiped, startCli, tempHome, type CliResult } from '../helpers/cli.js';
import { seedHome } from '../helpers/cli-store.js';
import { tempDir } from '../helpers/temp.js';

// What the CLI does when its output cannot be written, and what the demo leaves behind.
const children: (() => void)[] = [];
afterEach(() => children.splice(0).forEach((kill) => kill()));

/** `pixverse-tray ARGS > /dev/full` through bash: every write to stdout fails with ENOSPC. */
function runToFullDevice(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('bash', ['-c', `exec ${quoted} > /dev/full`], {
    env: { PATH: process.env.PATH, HOME: tempHome(), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr })),
  );
}

/** A TMPDIR of the test's own, so the demo's temporary folders can be counted. */
function demoTmp() {
  const tmp = tempDir('tmp');
  return { env: { TMPDIR: tmp }, left: () => fs.readdirSync(tmp).map((name) => path.join(tmp, name)) };
}

describe.skipIf(!fs.existsSync('/dev/full'))('a stdout that fails to write (> /dev/full)', () => {
  it.each([[['help']], [['demo']], [['demo', '--json']]])(
    '%j exits 1 and says why, once, on stderr',
    async (args) => {
      const tmp = demoTmp();
      const result = await runToFullDevice(args, tmp.env);
      expect(result.code).toBe(1);
      const said = result.stderr.split('\n').filter((line) => line.includes('cannot write the output'));
      expect(said).toEqual(['pixverse-tray: cannot write the output: no space left on device']);
      expect(tmp.left()).toEqual([]);
    },
    60_000,
  );
});

describe('a stdout closed by its reader (| head -1)', () => {
  it.each([[['demo']], [['demo', '--json']]])(
    '%j stays the quiet 141, claims no saved video and leaves no temporary folder',
    async (args) => {
      const tmp = demoTmp();
      const result = await runCliPiped(args, 'head -1', tmp.env);
      expect(result.cliCode).toBe(141);
      expect(result.stderr).not.toMatch(/saved|cannot write/);
      expect(tmp.left()).toEqual([]);
    },
    60_000,
  );
});

describe('the demo', () => {
  it('interrupted by Ctrl-C claims no saved video and removes its temporary folder', async () => {
    const tmp = demoTmp();
    const cli = startCli(['demo'], tmp.env);
    children.push(() => cli.child.kill('SIGKILL'));
    await cli.waitFor(/\S/, 30_000);
    cli.child.kill('SIGINT');
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/saved/);
    expect(tmp.left()).toEqual([]);
  }, 60_000);

  it('run to its end keeps the videos it saved, and says where they are', async () => {
    const tmp = demoTmp();
    const result = await startCli(['demo'], tmp.env).done;
    expect(result.code).toBe(0);
    const where = /The demo's videos were saved in (.+)$/m.exec(result.stderr)?.[1];
    expect(where).toBeDefined();
    expect(fs.readdirSync(where!).filter((name) => name.endsWith('.mp4')).length).toBeGreaterThan(0);
    expect(tmp.left()).toEqual([path.dirname(where!)]);
  }, 90_000);
});

describe('pixverse-tray list into a pipe whose reader is slow to start', () => {
  it('writes every line before it exits (`list --json | slow-reader` is a whole export)', async () => {
    const home = tempHome();
    const jobs = Array.from({ length: 3000 }, (_, i) => ({
      jobid: `user:1-job:export-${String(i).padStart(4, '0')}`,
      state: 'completed' as const,
      prompt: `Export ${i}: a lighthouse in a storm, waves and gulls, at dusk`,
    }));
    seedHome(home, jobs);
    const env = { PIXVERSE_TRAY_HOME: home };
    const json = await runCliPiped(['list', '--json'], '{ sleep 0.5; wc -l; }', env);
    expect([json.cliCode, json.stdout.trim()]).toEqual([0, '3000']);
    const text = await runCliPiped(['list'], '{ sleep 0.5; grep -c "user:1-job:export-"; }', env);
    expect([text.cliCode, text.stdout.trim()]).toEqual([0, '3000']);
  }, 60_000);
});
