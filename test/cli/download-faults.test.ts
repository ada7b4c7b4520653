import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../helpers/downloads.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import type { SimJob } from '../../main/core/simulator/sim-job.js';
import { ndjson, runCli, startCli, tempHome, type RunningCli } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';

// The fault suite for saved files, through the built CLI as a child process.
const startSim = useSimulator();
const TOKEN = 'tok-download-faults-31c9';
const MiB = 1024 * 1024;

async function setup() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const out = path.join(home, 'videos');
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  const watch = (jobs: SimJob[], ...extra: string[]) => [
    'watch',
    ...jobs.map((j) => j.jobid),
    '--out',
    out,
    '--interval',
    '0.1',
    '--json',
    ...extra,
  ];
  return { sim, out, env, watch };
}

const savedFiles = (stdout: string) =>
  ndjson(stdout)
    .filter((r) => r.type === 'download-saved')
    .map((r) => String(r.file));

/** Waits until the .part holds at least `bytes` (the CDN stalls further on), then stops the CLI. */
async function stopMidDownload(cli: RunningCli, part: string, bytes: number, signal: NodeJS.Signals) {
  const deadline = Date.now() + 30_000;
  while (!(fs.existsSync(part) && fs.statSync(part).size >= bytes) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(fs.statSync(part).size).toBeGreaterThanOrEqual(bytes);
  cli.child.kill(signal);
  return cli.done;
}

describe('pixverse-tray watch: downloads with the same name', () => {
  it('saves two jobs with the same attachment name and one job with two clip.mp4, each whole', async () => {
    const { sim, out, env, watch } = await setup();
    // Done before the first poll: the downloads are queued together and start at the same moment.
    const done = [{ atMs: 0, status: 'completed' as const }];
    const clips = sim.addJob({
      timeline: done,
      videoSize: 2 * MiB,
      filename: 'clip.mp4',
      attachmentCount: 2,
    });
    const outputs = [
      sim.addJob({ timeline: done, videoSize: 3 * MiB, filename: 'output.mp4' }),
      sim.addJob({ timeline: done, videoSize: 3 * MiB, filename: 'output.mp4' }),
    ];
    for (const [jobs, names] of [
      [[clips], ['clip (2).mp4', 'clip.mp4']],
      [outputs, ['output (2).mp4', 'output.mp4']],
    ] as const) {
      const result = await runCli(watch([...jobs]), env);
      expect(result.code).toBe(0);
      const files = savedFiles(result.stdout);
      expect(files.map((f) => path.basename(f)).sort()).toEqual(names);
      expect(files.map(sha256File).sort()).toEqual(
        jobs.flatMap((j) => j.attachments.map((a) => a.video.sha256())).sort(),
      );
    }
    expect(fs.readdirSync(out)).toHaveLength(4);
  });
});

describe('pixverse-tray watch: a file that changed between runs', () => {
  async function interrupted(signal: NodeJS.Signals) {
    const s = await setup();
    const job = s.sim.addJob({ durationMs: 20_000, videoSize: 16 * MiB, filename: 'big.mp4' });
    const attachment = job.attachments[0]!;
    s.sim.cdnFaults.push({ kind: 'stall', afterBytes: 6 * MiB });
    const first = startCli(s.watch([job], '--idle-timeout', '60'), s.env);
    const ended = await stopMidDownload(first, path.join(s.out, 'big.mp4.part'), 4 * MiB, signal);
    expect(ended.signal ?? ended.code).not.toBe(0);
    return { ...s, job, attachment };
  }

  const storedEtag = (sim: Simulator, id: string) => `"${id}-v1"`;

  it.each(['SIGKILL', 'SIGINT'] as const)(
    'after %s mid-download and a change on the server, saves the new file whole',
    async (signal) => {
      const { sim, out, env, watch, job, attachment } = await interrupted(signal);
      const changed = sim.replaceFile(attachment.id)!;
      const before = sim.cdnRequests.length;
      const second = await runCli(watch([job]), env);
      expect(second.code).toBe(0);
      const resumed = sim.cdnRequests[before]!;
      // The validator travelled across the restart: the resume asked "only if still the same file".
      expect(resumed.range).toMatch(/^bytes=[1-9]\d*-$/);
      expect(resumed.ifRange).toBe(storedEtag(sim, attachment.id));
      expect(sha256File(path.join(out, 'big.mp4'))).toBe(changed.sha256());
      expect(fs.readdirSync(out)).toEqual(['big.mp4']);
    },
  );

  it('after kill -9, restarts from zero when a 206 carries another ETag than the stored one', async () => {
    const { sim, out, env, watch, job, attachment } = await interrupted('SIGKILL');
    const changed = sim.replaceFile(attachment.id)!;
    sim.cdnFaults.push({ kind: 'ignore-if-range' });
    const before = sim.cdnRequests.length;
    const second = await runCli(watch([job]), env);
    expect(second.code).toBe(0);
    expect(sim.cdnRequests.slice(before).map((r) => r.range)).toEqual([
      expect.stringMatching(/^bytes=[1-9]\d*-$/),
      undefined,
    ]);
    expect(sha256File(path.join(out, 'big.mp4'))).toBe(changed.sha256());
  });
});

describe('pixverse-tray watch: hostile file names and types', () => {
  it('saves every video under a video extension, without control characters', async () => {
    const { sim, out, env, watch } = await setup();
    const specs = [
      { filename: 'evil.exe' },
      { filename: 'run.desktop' },
      { filename: 'x.mp4.lnk' },
      { filename: '\u202egpj.exe' },
      { filename: 'noext' },
      { filename: null },
      { filename: 'setup.exe', contentType: 'application/x-msdownload' },
      { filename: 'pic.svg', contentType: 'image/svg+xml' },
      { filename: 'movie', contentType: 'video/webm' },
    ];
    const jobs = specs.map((spec) => sim.addJob({ durationMs: 20_000, videoSize: 64 * 1024, ...spec }));
    const result = await runCli(watch(jobs), env);
    expect(result.code).toBe(0);
    const names = fs.readdirSync(out).sort();
    expect(names).toHaveLength(jobs.length);
    for (const name of names) {
      expect(name).toMatch(/\.(mp4|webm|mov|m4v|png|jpg|webp|gif)$/i);
      expect(name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'evil.mp4',
        'run.mp4',
        'x.mp4',
        'gpj.mp4',
        'noext.mp4',
        'setup.mp4',
        'pic.mp4',
      ]),
    );
    expect(names).toContain('movie.webm');
    const files = savedFiles(result.stdout);
    expect(files.map(sha256File).sort()).toEqual(jobs.map((j) => j.attachments[0]!.video.sha256()).sort());
  });
});

describe('pixverse-tray watch: a link that answers with something else than the video', () => {
  // v2 videos come with no size to check the body against: only what the answer is tells.
  const completeVideo = (sim: Simulator) =>
    sim.addVideo({ queuedMs: 0, generatingMs: 0, prompt: 'A paper boat' });
  const watchVideo = (out: string, id: string) => ['watch', id, '--out', out, '--interval', '0.1', '--json'];

  it('never saves an error page as the video: a fresh link is asked for, and the video saved whole', async () => {
    const { sim, out, env } = await setup();
    const video = completeVideo(sim);
    sim.cdnFaults.push({ kind: 'html-page' });
    const asks = () => sim.apiRequests.filter((r) => r.route === 'v2-video').length;
    const result = await runCli(watchVideo(out, video.id), env);
    expect(result.code).toBe(0);
    // Asked for again after the page: once to see it complete, once more for a fresh link.
    expect(asks()).toBe(2);
    const files = fs.readdirSync(out);
    expect(files).toHaveLength(1);
    expect(sha256File(path.join(out, files[0]!))).toBe(video.media.sha256());
  });

  it('fails the download, exit 1, when the fresh link gives an error page too, and keeps no file', async () => {
    const { sim, out, env } = await setup();
    const video = completeVideo(sim);
    sim.cdnFaults.push({ kind: 'html-page' }, { kind: 'html-page' });
    const result = await runCli(watchVideo(out, video.id), env);
    expect(result.code).toBe(1);
    const failed = ndjson(result.stdout).find((r) => r.type === 'download-failed');
    expect(failed?.message).toBe(
      'The video link gave a web page (text/html) instead of the video, even from a fresh link.',
    );
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
