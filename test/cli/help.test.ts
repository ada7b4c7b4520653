import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modulesLoadedBy } from '../helpers/loaded-modules.js';

const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('pixverse-tray help and --version', () => {
  it.each([['--version'], ['-V']])('%s prints the version of package.json', async (flag) => {
    const result = await runCli([flag], {});
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([[['--help']], [['-h']], [['help']], [[]]])('%j lists every command', async (args) => {
    const result = await runCli(args, {});
    expect(result.code).toBe(0);
    for (const command of ['watch', 'status', 'list', 'forget', 'retry', 'simulate', 'demo'])
      expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    expect(result.stdout).toContain("Run 'pixverse-tray help COMMAND'");
  });

  it.each([
    [['help', 'watch'], 'watch'],
    [['watch', '--help'], 'watch'],
    [['watch', 'JOBID', '-h'], 'watch'],
    [['status', '--help'], 'status'],
    [['list', '--help'], 'list'],
    [['forget', '--help'], 'forget'],
    [['retry', '--help'], 'retry'],
    [['simulate', '--help'], 'simulate'],
    [['help', 'demo'], 'demo'],
  ])('%j prints the usage and examples of %s, needing no token', async (args, command) => {
    const result = await runCli(args, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^pixverse-tray ${command}: `));
    expect(result.stdout).toMatch(new RegExp(`Usage:\\n  pixverse-tray ${command}`));
    expect(result.stdout).toMatch(new RegExp(`Examples:\\n  (pixverse-tray|#) `));
  });

  it.each([
    ['wacth', 'watch'],
    ['lsit', 'list'],
    ['stauts', 'status'],
    ['simulat', 'simulate'],
    ['Forget', 'forget'],
  ])('a mistyped command (%s) suggests %s, exit 2', async (typed, meant) => {
    const result = await runCli([typed, 'JOBID'], {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`pixverse-tray: Unknown command "${typed}". Did you mean ${meant}?`);
  });

  it.each([
    ['--verison', '--version'],
    ['--hlep', '--help'],
  ])('a mistyped option before any command (%s) suggests %s, exit 2', async (typed, meant) => {
    const result = await runCli([typed], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Unknown option "${typed}". Did you mean ${meant}?`);
  });

  it('suggests nothing for a word far from every command', async () => {
    const result = await runCli(['launch'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "launch".\n');
    expect(result.stderr).not.toContain('Did you mean');
  });

  it.each([[['help', '--help']], [['help', '-h']], [['help', 'watch', '--help']]])(
    '%j prints usage, exit 0, as COMMAND --help does for every other command',
    async (args) => {
      const result = await runCli(args, {});
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('pixverse-tray');
    },
  );

  it('help for an unknown command suggests the closest', async () => {
    const result = await runCli(['help', 'wath'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "wath". Did you mean watch?');
  });

  it.each([
    [['A'.repeat(10_000)]],
    [['--' + 'x'.repeat(10_000)]],
    [['list', '--' + 'x'.repeat(10_000)]],
    [['watch', 'job-1', '--' + 'x'.repeat(10_000)]],
    [['simulate', '--port', '9'.repeat(10_000)]],
    [['watch', 'job-1', '--interval', '9'.repeat(10_000) + 'x']],
  ])('never echoes a 10 kB argument whole (%#)', async (args) => {
    const result = await runCli(args, { USEAPI_TOKEN: 'tok-12345678' });
    expect(result.code).toBe(2);
    const [error] = result.stderr.split('\n');
    expect(error).toMatch(/^pixverse-tray: /);
    expect(error!.length).toBeLessThan(200);
    expect(result.stderr).not.toMatch(/(A|x|9){100}/);
  });
});

describe('start-up', () => {
  // The modules a command needs are imported when it runs: help and --version load none of them.
  const HEAVY =
    /node_modules\/(zod|axios|better-sqlite3(-napi)?|log-update|node-notifier)\/|\/core\/(simulator|store|api|engine)/;

  it.each([[['--help']], [['--version']], [['help', 'watch']], [['watch', '--help']], [['wacth']]])(
    '%j loads none of the modules a command needs',
    async (args) => {
      const { urls } = await modulesLoadedBy(args);
      expect(urls.some((url) => url.endsWith('/dist/main/cli.js'))).toBe(true);
      expect(urls.filter((url) => HEAVY.test(url))).toEqual([]);
    },
  );

  it.each([[['status', 'bad id']], [['watch', 'job-1', '--interval', 'soon']]])(
    '%j, refused, loads neither the API client nor the database',
    async (args) => {
      const { code, urls } = await modulesLoadedBy(args);
      expect(code).toBe(2);
      expect(
        urls.filter((url) => /node_modules\/(axios|better-sqlite3(-napi)?)\/|\/core\/store\//.test(url)),
      ).toEqual([]);
    },
  );

  it('the list command loads the database but not the API client or the simulator', async () => {
    const { code, urls } = await modulesLoadedBy(['list']);
    expect(code).toBe(0);
    expect(urls.some((url) => url.includes('/core/store/'))).toBe(true);
    expect(urls.filter((url) => /node_modules\/axios\/|\/core\/simulator\//.test(url))).toEqual([]);
  });
});
