import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

const SCRIPT = path.resolve('scripts/start-electron.mjs');

/**
 * Runs the script with Electron's own ELECTRON_OVERRIDE_DIST_PATH pointing at `dist`: the binary is
 * whatever the test puts there, on any machine, whether or not the real one was fetched.
 */
function startElectron(dist: string, args: string[]) {
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    env: { PATH: process.env.PATH, HOME: tempDir('home'), ELECTRON_OVERRIDE_DIST_PATH: dist },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('npm start / npm run demo (scripts/start-electron.mjs)', () => {
  it('says in one line that the Electron binary must be fetched, and how, when it is missing', async () => {
    const result = await startElectron(tempDir('no-electron'), ['.', '--demo']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('The Electron binary is not installed.');
    expect(result.stderr).toContain('node node_modules/electron/install.js');
  });

  it('starts the binary with the arguments given and exits with its status', async () => {
    const dist = tempDir('fake-electron');
    const binary = path.join(dist, 'electron');
    fs.writeFileSync(binary, '#!/bin/sh\necho "started with: $*"\nexit 7\n', { mode: 0o755 });
    const result = await startElectron(dist, ['.', '--demo']);
    expect(result).toEqual({ code: 7, stdout: 'started with: . --demo\n', stderr: '' });
  });
});
