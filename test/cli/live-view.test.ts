import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import {
  colourCodes,
  CURSOR_UP,
  ERASE_LINE,
  ESCAPE,
  plainText,
  screen,
  startCliInPty,
} from '../helpers/pty.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { useSimulator } from '../helpers/sim.js';
import { tempDir } from '../helpers/temp.js';

const startSim = useSimulator();
const TOKEN = 'tok-71c3e9a2d05f';
const MiB = 1024 * 1024;

// The demo under a real pseudo-terminal: the live view, its colours, and the summary it ends with.
const PROMPTS = [
  'A red fox running through fresh snow at dawn',
  'Timelapse of a city skyline from day to night',
  'A paper boat sailing down a rainy street',
  'A forbidden prompt',
  'Paper lanterns rising over a river at night',
  'A hummingbird hovering at a red flower, slow motion',
];

/** `watch` of one job of about a second against the simulator, without downloads. */
async function quickWatch(prompt: string) {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const job = sim.addJob({ prompt, durationMs: 120_000 });
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: tempHome() };
  return { args: ['watch', job.jobid, '--interval', '0.1', '--no-download'], env };
}

function demoTmp() {
  const tmp = tempDir('tmp');
  return { env: { TMPDIR: tmp }, left: () => fs.readdirSync(tmp) };
}

/** The live view's last frame as the terminal shows it: the screen lines above the summary. */
function lastFrame(output: string): string {
  const lines = screen(output);
  const status = lines.findLastIndex((line) => line.startsWith('6 jobs, '));
  // The demo's introduction ends with a blank line; the frame starts below it.
  const start = lines.lastIndexOf('', status) + 1;
  return lines.slice(start, status + 1).join('\n');
}

describe('the live view on a terminal', () => {
  it('redraws the demo in place, with colours, and ends with the last frame and the summary', async () => {
    const tmp = demoTmp();
    const result = await startCliInPty(['demo'], { ...tmp.env, PIXVERSE_TRAY_HOME: tempHome() }).done;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(CURSOR_UP);
    expect(result.output).toMatch(ERASE_LINE);
    expect(colourCodes(result.output).length).toBeGreaterThan(0);
    const frame = lastFrame(result.output);
    // Each job by its prompt, a long one cut to the room it has.
    for (const prompt of PROMPTS) expect(frame).toContain(prompt.slice(0, 40));
    expect(frame).toMatch(/A red fox running through fresh snow at dawn +saved/);
    expect(frame).toMatch(/A paper boat sailing down a rainy street +failed +PixVerse could not generate/);
    expect(frame).toMatch(/A forbidden prompt +moderated/);
    const text = plainText(result.output);
    // While generating: a bar with the percentage, and once progress moved, the time left.
    expect(text).toMatch(/generating +[█░]{16} +\d+%/);
    expect(text).toMatch(/\d+% +~\d+s left/);
    const summary = text.slice(text.lastIndexOf('Done in'));
    expect(summary).toMatch(
      /^Done in \d+s: 6 jobs, 4 completed, 1 failed, 1 moderated\.\n4 videos saved \(1\.0 MB\):\n/,
    );
    const saved = [...summary.matchAll(/^ {2}saved {2}(.+) \(256 KB\)$/gm)].map((m) => m[1]!);
    expect(saved).toHaveLength(4);
    for (const file of saved) expect(fs.statSync(file).size).toBe(256 * 1024);
    expect(summary).toMatch(
      /^ {2}failed {2}\S+ {2}"A paper boat sailing down a rainy street": PixVerse could not/m,
    );
    expect(summary).toMatch(/^ {2}moderated {2}\S+ {2}"A forbidden prompt": /m);
  }, 90_000);

  it.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }],
  ])(
    '%s: the same live view without a single colour code',
    async (_what, colourEnv) => {
      const { args, env } = await quickWatch('a grey morning');
      const result = await startCliInPty(args, { ...env, ...colourEnv }).done;
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(CURSOR_UP);
      expect(colourCodes(result.output)).toEqual([]);
      expect(screen(result.output)).toContain('✔ a grey morning  completed    video ready');
      // Without downloads, the summary hands over the link.
      expect(plainText(result.output)).toMatch(/^ {2}video {2}\S+ {2}http:\/\/127\.0\.0\.1:\d+\/\S+$/m);
    },
    60_000,
  );

  it.each([
    ['TERM=dumb', { TERM: 'dumb' }],
    ['CI=true (a CI log on a terminal)', { CI: 'true' }],
  ])(
    '%s: no live view, the lines a pipe gets, and the summary',
    async (_what, extra) => {
      const { args, env } = await quickWatch('a grey morning');
      const result = await startCliInPty(args, { ...env, ...extra }).done;
      expect(result.code, result.output).toBe(0);
      expect(result.output).not.toMatch(CURSOR_UP);
      expect(colourCodes(result.output)).toEqual([]);
      expect(result.output).toMatch(/^\d\d:\d\d:\d\d {2}\S+ {2}completed/m);
      expect(result.output).toContain('Done in');
    },
    60_000,
  );

  it('fits a narrow terminal: every line of a frame within the width, long prompts cut with …', async () => {
    const { args, env } = await quickWatch('Timelapse of a city skyline from day to night, in the rain');
    const result = await startCliInPty(args, env, { columns: 60 }).done;
    expect(result.code, result.output).toBe(0);
    const lines = screen(result.output);
    const frame = lines.slice(
      0,
      lines.findIndex((line) => line.startsWith('Done in')),
    );
    expect(frame.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    for (const line of frame) expect(Array.from(line).length, line).toBeLessThanOrEqual(60);
    expect(frame).toContainEqual(
      expect.stringMatching(/^✔ Timelapse of a city[^…]*… {2}completed +video ready$/),
    );
  }, 60_000);

  it('Ctrl+C: says it was interrupted, claims no video, and removes the demo folder', async () => {
    const tmp = demoTmp();
    const cli = startCliInPty(['demo'], tmp.env);
    await cli.waitFor('Ctrl+C to stop');
    cli.interrupt();
    const result = await cli.done;
    expect(result.code).toBe(130);
    const summary = plainText(result.output).split('Interrupted after')[1];
    expect(summary).toBeDefined();
    expect(summary).toMatch(/^ \d+s: 6 jobs, 6 unfinished\.\nNo video downloaded\./);
    expect(summary).not.toMatch(/saved/);
    expect(tmp.left()).toEqual([]);
  }, 60_000);
});

describe('watch on a terminal', () => {
  it('shows a download in progress with a bar, bytes, rate and ETA, then the saved file', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const job = sim.addJob({
      prompt: 'a slow river',
      timeline: [{ atMs: 0, status: 'completed' }],
      videoSize: MiB,
    });
    sim.cdnFaults.push({ kind: 'slow', bytesPerSecond: 256 * 1024 });
    const out = tempDir('out');
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: tempHome() };
    const cli = startCliInPty(['watch', job.jobid, '--out', out, '--interval', '0.1'], env);
    await cli.waitFor(/\d+% {2}[\d.]+ KB\/1\.0 MB {2}[\d.]+ KB\/s {2}ETA \d+s/);
    const result = await cli.done;
    expect(result.code, result.output).toBe(0);
    const lines = screen(result.output);
    const summary = lines.findIndex((line) => line.startsWith('Done in'));
    expect(lines.slice(0, summary)).toContain('✔ a slow river  saved');
    expect(lines[summary + 1]).toBe('1 video saved (1.0 MB):');
    expect(lines[summary + 2]).toBe(`  saved  ${path.join(out, fs.readdirSync(out)[0]!)} (1.0 MB)`);
  }, 60_000);

  it('shows a v2 video waiting in the queue with its place, then done', async () => {
    const clock = new FakeClock(Date.now());
    const sim = await startSim({ clock, token: TOKEN });
    const video = sim.addVideo({ prompt: 'a quiet harbour', queueAhead: 3, queuedMs: 60_000 });
    const env = {
      USEAPI_TOKEN: TOKEN,
      USEAPI_BASE_URL: sim.apiUrl,
      PIXVERSE_TRAY_HOME: tempHome(),
      NO_COLOR: '1',
    };
    const cli = startCliInPty(['watch', video.id, '--interval', '0.1', '--no-download'], env);
    await cli.waitFor(/a quiet harbour +queued +#3 in queue, ~1m 00s wait/);
    await clock.advance(600_000);
    const result = await cli.done;
    expect(result.code, result.output).toBe(0);
    expect(screen(result.output)).toContain('✔ a quiet harbour  completed    video ready');
  }, 60_000);

  it('--json on a terminal stays NDJSON: no live view', async () => {
    const { args, env } = await quickWatch('a grey morning');
    const result = await startCliInPty([...args, '--json'], env).done;
    expect(result.code).toBe(0);
    const lines = result.output.split('\r\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'summary' });
  }, 60_000);
});

describe('the same run into a pipe', () => {
  it('keeps the line-per-change stdout (no escape codes) and prints the summary on stderr', async () => {
    const tmp = demoTmp();
    const result = await runCli(['demo'], { ...tmp.env, FORCE_COLOR: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(ESCAPE);
    for (const line of result.stdout.trim().split('\n'))
      expect(line).toMatch(/^\d\d:\d\d:\d\d {2}user:1234-pixverse:\S+ {2}\S/);
    expect(result.stderr).toMatch(/^Done in \d+s: 6 jobs, 4 completed, 1 failed, 1 moderated\.$/m);
    for (const prompt of PROMPTS) expect(result.stderr).toContain(`"${prompt}"`);
  }, 90_000);

  it('--json ends with one summary event: saved files, problems with their next step, totals', async () => {
    const tmp = demoTmp();
    const result = await runCli(['demo', '--json'], tmp.env);
    expect(result.code).toBe(0);
    const records = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.filter((r) => r.type === 'summary')).toHaveLength(1);
    const summary = records.at(-1)!;
    expect(summary).toMatchObject({
      type: 'summary',
      interrupted: false,
      totals: {
        jobs: 6,
        completed: 4,
        failed: 1,
        moderated: 1,
        unfinished: 0,
        videosSaved: 4,
        bytesSaved: 4 * 256 * 1024,
      },
    });
    expect(typeof summary.elapsedMs).toBe('number');
    const saved = summary.saved as { file: string; bytes: number }[];
    expect(saved.map((video) => fs.statSync(video.file).size)).toEqual(Array(4).fill(256 * 1024));
    const problems = summary.problems as { problem: string; reason: string; next: string }[];
    expect(problems.map((p) => p.problem).sort()).toEqual(['failed', 'moderated']);
    for (const problem of problems) expect(problem.reason && problem.next).toBeTruthy();
  }, 90_000);
});
