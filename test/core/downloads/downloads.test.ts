import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPartFile, type OpenPart } from '../../../main/core/downloads/part-file.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { TRANSPORTS, downloadSetup as setupWith, sha256File } from '../../helpers/downloads.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

describe.each(TRANSPORTS)('DownloadQueue against the simulated CDN (%s transport)', (_name, transport) => {
  const downloadSetup: typeof setupWith = (sim, spec, options) =>
    setupWith(sim, spec, { transport, ...options });

  it('saves a video whole, verified, with progress and no .part left', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: 5 * MiB }, { progressEveryMs: 0 });
    expect(await d.run()).toBe(1);
    const file = d.events.saved[0]!.file;
    expect(path.dirname(file)).toBe(d.folder);
    expect(sha256File(file)).toBe(d.simJob.attachments[0]!.video.sha256());
    expect(fs.readdirSync(d.folder)).toEqual([path.basename(file)]);
    expect(d.record()).toMatchObject({ state: 'saved', file, bytes: 5 * MiB });
    expect(d.events.progress.at(-1)).toBe(5 * MiB);
    expect(d.events.progress.length).toBeGreaterThan(1);
  });

  it('never sends Authorization to the CDN and asks for identity encoding', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim);
    await d.run();
    expect(sim.cdnRequests.length).toBeGreaterThan(0);
    expect(sim.cdnRequests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('resumes a truncated body with Range and If-Range', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: 3 * MiB });
    sim.cdnFaults.push({ kind: 'truncate', afterBytes: MiB });
    await d.run();
    expect(sha256File(d.events.saved[0]!.file)).toBe(d.simJob.attachments[0]!.video.sha256());
    const resumed = sim.cdnRequests[1]!;
    expect(Number(/bytes=(\d+)-/.exec(resumed.range ?? '')?.[1])).toBeGreaterThan(0);
    expect(resumed.ifRange).toMatch(/^"/);
  });

  it('retries after a connection reset', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim);
    sim.cdnFaults.push({ kind: 'reset' });
    await d.run();
    expect(d.events.saved).toHaveLength(1);
    expect(sim.cdnRequests).toHaveLength(2);
  });

  it('starts again from zero when the server ignores Range', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: 2 * MiB });
    sim.cdnFaults.push({ kind: 'truncate', afterBytes: MiB / 2 }, { kind: 'ignore-range' });
    await d.run();
    expect(sim.cdnRequests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(sha256File(d.events.saved[0]!.file)).toBe(d.simJob.attachments[0]!.video.sha256());
  });

  it('starts again from zero when the ETag changed between attempts', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: 2 * MiB }, { progressEveryMs: 0 });
    sim.cdnFaults.push({ kind: 'truncate', afterBytes: MiB });
    const attachmentId = d.simJob.attachments[0]!.id;
    let changed = false;
    d.queue.on('download-progress', () => {
      if (!changed) sim.changeEtag(attachmentId); // the file changes on the server mid-download
      changed = true;
    });
    await d.run();
    expect(sim.cdnRequests).toHaveLength(2);
    expect(sim.cdnRequests[1]).toMatchObject({
      range: expect.stringMatching(/^bytes=[1-9]\d*-$/),
      ifRange: `"${attachmentId}-v1"`,
    });
    const restartedAt = d.events.progress.findIndex((bytes, i) => i > 0 && bytes < d.events.progress[i - 1]!);
    expect(restartedAt).toBeGreaterThan(0);
    expect(sha256File(d.events.saved[0]!.file)).toBe(d.simJob.attachments[0]!.video.sha256());
  });

  it('counts a complete .part answered with 416 as done', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: MiB });
    const jobid = d.simJob.jobid;
    const file = path.join(d.folder, 'pre.mp4');
    const bytes = Buffer.concat([...d.simJob.attachments[0]!.video.chunks(0, MiB)]);
    fs.writeFileSync(`${file}.part`, bytes);
    const key = d.simJob.attachments[0]!.id;
    const etag = `"${key}-v1"`; // stored with the bytes: a .part without its validator is not resumed
    d.store.update(jobid, { downloads: { [key]: { state: 'pending', file, bytes: MiB, etag } } });
    await d.run();
    expect(sim.cdnRequests.map((r) => r.range)).toEqual([`bytes=${MiB}-`]);
    expect(d.events.saved[0]?.file).toBe(file);
    expect(sha256File(file)).toBe(d.simJob.attachments[0]!.video.sha256());
  });

  it('fetches the job again for a fresh link once the old one expired', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock, linkTtlMs: 60_000 });
    const d = await downloadSetup(sim);
    await clock.advance(120_000);
    await d.run();
    expect(d.refreshes()).toBe(1);
    expect(d.events.saved).toHaveLength(1);
  });

  it('reports a link that stays dead clearly on the job', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock, linkTtlMs: 0 });
    const d = await downloadSetup(sim);
    await d.run();
    expect(d.events.failed).toEqual([
      expect.stringMatching(/no longer works \(404\), even after asking for a fresh one/),
    ]);
    expect(d.record()).toMatchObject({ state: 'failed', error: expect.stringMatching(/no longer works/) });
  });

  it('aborts a stalled stream with the idle watchdog and resumes', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: 2 * MiB }, { idleTimeoutMs: 200 });
    sim.cdnFaults.push({ kind: 'stall', afterBytes: MiB });
    await d.run();
    expect(sim.cdnRequests[1]!.range).toBe(`bytes=${MiB}-`);
    expect(sha256File(d.events.saved[0]!.file)).toBe(d.simJob.attachments[0]!.video.sha256());
  });

  it('fails clearly when the size never matches the job', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: MiB, extra: {} });
    const job = d.store.get(d.simJob.jobid)!;
    job.job!.results[0]!.size = MiB + 7;
    await d.run();
    expect(d.events.failed[0]).toMatch(
      /the server announced 1048576 bytes but the job says the video has 1048583/,
    );
    expect(fs.readdirSync(d.folder)).toEqual([]);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:video/mp4;base64,AAAA',
    'ftp://x/y.mp4',
    'not a url',
  ])('refuses to fetch %s', async (url) => {
    const sim = await startSim();
    const d = await downloadSetup(sim);
    const result = d.store.get(d.simJob.jobid)!.job!.results[0]!;
    result.url = url;
    result.altUrl = url;
    await d.run();
    expect(d.events.failed[0]).toMatch(/not an http\(s\) URL/);
    expect(sim.cdnRequests).toEqual([]);
  });

  it.each([
    ['to a file: link', 'file:///etc/passwd', /redirects to a link that cannot be fetched/],
    ['in a loop', '/again', /redirects more than 3 times/],
    ['nowhere (no Location)', undefined, /answers 302 without saying where to/],
  ])('gives up at once, saying why, on a link that redirects %s', async (_what, location, message) => {
    const sim = await startSim();
    const d = await downloadSetup(sim);
    let requests = 0;
    const redirector = http.createServer((_req, res) => {
      requests++;
      res.writeHead(302, { ...(location && { Location: location }), 'Content-Length': '0' }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/v.mp4`;
      const result = d.store.get(d.simJob.jobid)!.job!.results[0]!;
      result.url = url;
      result.altUrl = url;
      await d.run();
      expect(d.events.failed).toEqual([expect.stringMatching(message)]);
      expect(requests).toBeLessThanOrEqual(4); // one attempt: its redirects, no retries
      expect(fs.readdirSync(d.folder)).toEqual([]);
    } finally {
      redirector.close();
    }
  });

  it('is idempotent: a saved file is never downloaded again', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim);
    await d.run();
    expect(await d.run()).toBe(0);
    expect(sim.cdnRequests).toHaveLength(1);
  });

  it('never overwrites an existing file', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { filename: 'clip.mp4' });
    fs.writeFileSync(path.join(d.folder, 'clip.mp4'), 'mine');
    await d.run();
    expect(d.events.saved[0]!.file).toBe(path.join(d.folder, 'clip (2).mp4'));
    expect(fs.readFileSync(path.join(d.folder, 'clip.mp4'), 'utf8')).toBe('mine');
  });

  it('keeps downloads to at most 2 at once', async () => {
    const sim = await startSim();
    let open = 0;
    let most = 0;
    const counting: OpenPart = async (file, start) => {
      const part = await openPartFile(file, start);
      most = Math.max(most, ++open);
      return { ...part, close: () => (open--, part.close()) };
    };
    const d = await downloadSetup(sim, { attachmentCount: 5, videoSize: 2 * MiB }, { openPart: counting });
    await d.run();
    expect(d.events.saved).toHaveLength(5);
    expect(most).toBe(2);
  });
});
