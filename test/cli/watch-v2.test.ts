// The CLI with PixVerse API v2 videos, as a child process against the simulator: every v2 status
// path, 401/429/596, v1 and v2 in one watch, and what it must never do (a DELETE of a video, the
// token sent to the media host, a download before the video is complete).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimVideoSpec } from '../../main/core/simulator/sim-video.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import { sha256File } from '../helpers/downloads.js';
import { ndjson, runCli, startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const startSim = useSimulator();
const TOKEN = 'tok-watch-v2-5e8c1a';
/** Simulated time: a short queue and generation (100× time: under half a second each). */
const QUICK = { queuedMs: 10_000, generatingMs: 30_000 };

const sims: Simulator[] = [];
afterEach(() => {
  // Whatever a test did: no video was ever deleted, the media host never saw the token.
  for (const sim of sims.splice(0)) {
    expect(sim.videoDeletions).toEqual([]);
    expect(sim.apiRequests.filter((r) => r.route === 'v2-delete-video')).toEqual([]);
    expect(sim.cdnRequests.filter((r) => r.authorization !== undefined)).toEqual([]);
  }
});

async function setup() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  sims.push(sim);
  const home = tempHome();
  const out = path.join(home, 'videos');
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  return { sim, home, out, env };
}
const POLL = ['--interval', '0.1'];
const NO_DOWNLOAD = [...POLL, '--timeout', '2', '--no-download'];
const finishedOf = (stdout: string) => ndjson(stdout).filter((r) => r.type === 'job-finished');
const videoIdOf = (n: number, email = 'sim@example.com') => `user:1234-pixverse:${email}-video:${n}`;

/**
 * Runs the CLI on a v2 id the simulator does not know yet and adds the video once the CLI first asks
 * for it (a 404 it waits through): every state is then seen from its start, however slowly the child
 * process starts on a busy machine.
 */
async function watchFromTheStart(
  sim: Simulator,
  env: Record<string, string>,
  args: string[],
  spec: SimVideoSpec,
) {
  const cli = startCli(['watch', spec.videoId!, ...args], env);
  await until(() => sim.apiRequests.some((r) => r.route === 'v2-video' && r.jobid === spec.videoId), 20_000);
  const video = sim.addVideo(spec);
  return { video, result: await cli.done };
}

describe('pixverse-tray watch with v2 video ids', () => {
  it('saves a v2 video once it is complete (an early url is no reason to download) under a readable name', async () => {
    const { sim, out, env } = await setup();
    // Generating long enough (24 intervals) that even a sparse poll sees it with its early url.
    const timing = { queuedMs: QUICK.queuedMs, generatingMs: 240_000 };
    const { video, result } = await watchFromTheStart(sim, env, ['--out', out, ...POLL, '--json'], {
      ...timing,
      videoId: videoIdOf(77001),
      earlyUrl: true,
      prompt: 'Paper lanterns: rising over a river at night',
    });
    const generatingFrom = video.createdAt + timing.queuedMs;
    const completeAt = generatingFrom + timing.generatingMs;
    expect(result.code).toBe(0);
    // It was seen generating, its url already there: that was no reason to download.
    const seenGenerating = sim.apiRequests.filter(
      (r) => r.route === 'v2-video' && r.at > generatingFrom && r.at < completeAt,
    );
    expect(seenGenerating.length).toBeGreaterThan(0);
    const records = ndjson(result.stdout);
    expect(records.filter((r) => r.jobid === video.id).every((r) => r.source === 'v2')).toBe(true);
    const saved = records.filter((r) => r.type === 'download-saved');
    expect(saved).toHaveLength(1);
    const file = String(saved[0]!.file);
    expect(path.dirname(file)).toBe(out);
    const name = path.basename(file);
    expect(name).toMatch(/^Paper[ _-]lanterns.*\b\d+\b.*\.mp4$/i);
    expect(name).toContain(video.id.split('-video:')[1]);
    expect(name).not.toMatch(/[:@]/);
    expect(sha256File(file)).toBe(video.media.sha256());
    // The media host was asked only once the video was complete, though its url came earlier.
    expect(sim.cdnRequests.length).toBeGreaterThan(0);
    expect(sim.cdnRequests.every((r) => r.at >= completeAt)).toBe(true);
  });

  it('waits through 404 while useapi does not know the video yet, says so, then completes', async () => {
    const { sim, env } = await setup();
    const { video, result } = await watchFromTheStart(sim, env, NO_DOWNLOAD, {
      ...QUICK,
      videoId: videoIdOf(77002),
      notFoundForMs: 20_000,
    });
    expect(result.code).toBe(0);
    const text = result.stdout + result.stderr;
    expect(text).toMatch(/Not available at useapi yet; still waiting/);
    expect(text).not.toMatch(/not-found|Not found/);
    expect(result.stdout).toMatch(new RegExp(`${escape(video.id)} {2}completed`));
    expect(sim.apiRequests.some((r) => r.route === 'v2-video' && r.jobid === video.id)).toBe(true);
  });

  it('with --json, the wait for useapi to know a video is a notice about it, not a job error', async () => {
    const { sim, env } = await setup();
    const { video, result } = await watchFromTheStart(sim, env, [...NO_DOWNLOAD, '--json'], {
      // Generating for longer than a queued job's looks are apart (about a minute): it is seen so.
      queuedMs: 10_000,
      generatingMs: 150_000,
      videoId: videoIdOf(77003),
      notFoundForMs: 20_000,
    });
    expect(result.code).toBe(0);
    const records = ndjson(result.stdout);
    const waiting = records.filter((r) => /Not available at useapi yet/.test(String(r.message)));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.map((r) => [r.type, r.jobid])).toContainEqual(['notice', video.id]);
    expect(waiting.some((r) => r.type === 'job-error')).toBe(false);
  });

  it('a second watch of a video useapi still does not know says so at once, not only when it changes', async () => {
    const { sim, env } = await setup();
    const id = videoIdOf(77004);
    const v2Asks = () => sim.apiRequests.filter((r) => r.route === 'v2-video' && r.jobid === id).length;
    const first = startCli(['watch', id, ...NO_DOWNLOAD, '--json'], env);
    await first.waitFor(/Not available at useapi yet/);
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);

    const second = startCli(['watch', id, ...NO_DOWNLOAD], env);
    const before = v2Asks();
    // Two more 404s: the note was stored by the first run, so no answer of this one is news.
    await until(() => v2Asks() >= before + 2, 20_000);
    second.child.kill('SIGINT');
    const result = await second.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/note: .*Not available at useapi yet; still waiting/);
  });

  it('exits 1 for a moderated and a failed video, the failure with its error', async () => {
    const { sim, env } = await setup();
    const moderated = sim.addVideo({ ...QUICK, outcome: 'moderated' });
    const failed = sim.addVideo({ ...QUICK, outcome: 'failed' });
    const result = await runCli(['watch', moderated.id, failed.id, ...NO_DOWNLOAD, '--json'], env);
    expect(result.code).toBe(1);
    const finished = finishedOf(result.stdout);
    expect(finished.map((r) => [r.jobid, r.source, r.state]).sort()).toEqual(
      [
        [moderated.id, 'v2', 'moderated'],
        [failed.id, 'v2', 'failed'],
      ].sort(),
    );
    expect(String(finished.find((r) => r.state === 'failed')?.error ?? '')).not.toBe('');
  });

  it('follows a video whose answers carry only numeric statuses', async () => {
    const { sim, env } = await setup();
    const { video, result } = await watchFromTheStart(sim, env, [...NO_DOWNLOAD, '--json'], {
      // Generating for longer than a queued job's looks are apart (about a minute): it is seen so.
      queuedMs: 10_000,
      generatingMs: 150_000,
      videoId: videoIdOf(77003),
      numericOnly: true,
      generatingStatus: 9,
    });
    expect(result.code).toBe(0);
    const states = ndjson(result.stdout)
      .filter((r) => r.jobid === video.id && r.status)
      .map((r) => r.status);
    expect(states.at(-1)).toBe('completed');
    expect(states).toContain('running');
  });

  it('exits 3 when the API rejects the token, without printing it', async () => {
    const { sim, env } = await setup();
    const video = sim.addVideo(QUICK);
    const wrong = { ...env, USEAPI_TOKEN: 'tok-wrong-for-v2-99' };
    const result = await runCli(['watch', video.id, ...NO_DOWNLOAD], wrong);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('rejected the API token');
    expect(result.stdout + result.stderr).not.toContain(wrong.USEAPI_TOKEN);
  });

  it('backs off on 429 (every PixVerse account busy) for the time asked, then completes', async () => {
    const { sim, env } = await setup();
    const video = sim.addVideo(QUICK);
    sim.faults.add({ kind: 'rate-limit', retryAfter: '1' }, { route: 'v2-video', jobid: video.id });
    const result = await runCli(['watch', video.id, ...NO_DOWNLOAD], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${escape(video.id)} {2}completed`));
    // The request after the 429 came at least the asked second later (100 simulated seconds).
    const asked = sim.apiRequests.filter((r) => r.route === 'v2-video' && r.jobid === video.id);
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(asked[1]!.at - asked[0]!.at).toBeGreaterThanOrEqual(90_000);
  });

  it('says once that a PixVerse account must be added again (596), and finishes the other jobs', async () => {
    const { sim, env } = await setup();
    const held = [
      sim.addVideo({ ...QUICK, email: 'ann@example.com' }),
      sim.addVideo({ ...QUICK, email: 'ann@example.com' }),
    ];
    const other = sim.addJob({ durationMs: 20_000 });
    for (const video of held)
      sim.faults.add({ kind: 'status', status: 596 }, { route: 'v2-video', jobid: video.id, count: 1000 });
    const result = await runCli(['watch', ...held.map((v) => v.id), other.jobid, ...NO_DOWNLOAD], env);
    expect(result.code).toBe(3);
    // One line for the account, none per held video.
    const accountLines = result.stderr.split('\n').filter((l) => l.includes('(596)'));
    expect(accountLines).toHaveLength(1);
    expect(accountLines[0]).toMatch(
      /^account-problem: The PixVerse account ann@example\.com .*add it again at useapi\.net/,
    );
    expect(result.stdout).not.toContain('(596)');
    expect(result.stdout).toMatch(new RegExp(`${escape(other.jobid)} {2}completed`));
  });

  it('names the account and the video that met it in the --json account-problem line', async () => {
    const { sim, env } = await setup();
    const held = sim.addVideo({ ...QUICK, email: 'ann@example.com' });
    sim.faults.add({ kind: 'status', status: 596 }, { route: 'v2-video', jobid: held.id, count: 1000 });
    const result = await runCli(['watch', held.id, ...NO_DOWNLOAD, '--json'], env);
    expect(result.code).toBe(3);
    const lines = ndjson(result.stdout).filter((r) => r.type === 'account-problem');
    expect(lines).toEqual([
      expect.objectContaining({ jobid: held.id, source: 'v2', account: 'ann@example.com' }),
    ]);
  });

  it('watches v1 and v2 jobs in one call, each through its own API', async () => {
    const { sim, out, env } = await setup();
    const v1 = sim.addJob({ durationMs: 20_000, prompt: 'A v1 heron' });
    const v2 = sim.addVideo({ ...QUICK, prompt: 'A v2 otter' });
    const result = await runCli(['watch', v1.jobid, v2.id, '--out', out, ...POLL, '--json'], env);
    expect(result.code).toBe(0);
    expect(
      finishedOf(result.stdout)
        .map((r) => [r.jobid, r.source, r.state])
        .sort(),
    ).toEqual(
      [
        [v1.jobid, 'v1', 'completed'],
        [v2.id, 'v2', 'completed'],
      ].sort(),
    );
    expect(fs.readdirSync(out)).toHaveLength(2);
    expect(sim.apiRequests.some((r) => r.route === 'job' && r.jobid === v2.id)).toBe(false);
    expect(sim.apiRequests.some((r) => r.route === 'v2-video' && r.jobid === v1.jobid)).toBe(false);
  });
});

describe('pixverse-tray status with a v2 video id', () => {
  it('asks once and prints its state', async () => {
    const { sim, env } = await setup();
    const video = sim.addVideo({ ...QUICK, queuedMs: 3_600_000 });
    const result = await runCli(['status', video.id], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      source: 'v2',
      id: video.id,
      state: 'queued',
      model: 'v4.5',
    });
    expect(sim.apiRequests.filter((r) => r.route === 'v2-video')).toHaveLength(1);
  });

  it('says "not found" for a video useapi does not know', async () => {
    const { sim, env } = await setup();
    const unknown = 'user:1234-pixverse:sim@example.com-video:1';
    const result = await runCli(['status', unknown], env);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/not.found/i);
    expect(sim.videoDeletions).toEqual([]);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
