import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCliPiped, tempHome, type CliResult } from '../helpers/cli.js';

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

const demoFolders = () =>
  new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('pixverse-tray-demo-')));

describe.skipIf(!fs.existsSync('/dev/full'))('a stdout that fails to write (> /dev/full)', () => {
  it.each([[['help']], [['demo']], [['demo', '--json']]])(
    '%j exits 1 and says why, once, on stderr',
    async (args) => {
      const result = await runToFullDevice(args);
      expect(result.code).toBe(1);
      const said = result.stderr.split('\n').filter((line) => line.includes('cannot write the output'));
      expect(said).toEqual(['pixverse-tray: cannot write the output: no space left on device']);
    },
    60_000,
  );
});

describe('a stdout closed by its reader (| head -1)', () => {
  it('stays the quiet 141', async () => {
    const result = await runCliPiped(['demo', '--json'], 'head -1', {});
    expect(result.cliCode).toBe(141);
    expect(result.stderr).toBe('');
  }, 60_000);
});
