import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../../main/core/api/v1/schema.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useSimulator } from '../../helpers/sim.js';

const seed = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/seed-examples.json', import.meta.url), 'utf8'),
);
const startSim = useSimulator();

async function get(url: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe('useapi simulator: API', () => {
  it('answers a completed job with exactly the fields of the reference example', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock });
    const job = sim.addJob({ durationMs: 60_000 });
    await clock.advance(10 * 60_000);
    const res = await get(
      `${sim.apiUrl}/v1/pixverse/jobs/?jobid=${encodeURIComponent(job.jobid)}`,
      sim.token,
    );
    const body = JSON.parse(res.body.toString());
    expect(Object.keys(body)).toEqual(Object.keys(seed.completed));
    expect(Object.keys(body.attachments[0]).sort()).toEqual(
      Object.keys(seed.completed.attachments[0]).sort(),
    );
    for (const [key, value] of Object.entries(seed.completed)) expect(typeof body[key]).toBe(typeof value);
    expect(jobSchema.parse(body)).toEqual(body);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });

  it('answers errors with the bodies of the reference', async () => {
    const sim = await startSim();
    const expected = Object.fromEntries(seed.errors.map((e: { code: number }) => [e.code, e]));
    const base = `${sim.apiUrl}/v1/pixverse/jobs/`;
    expect(JSON.parse((await get(base, sim.token)).body.toString())).toEqual(expected[400]);
    expect(JSON.parse((await get(`${base}?jobid=x`)).body.toString())).toEqual(expected[401]);
    expect(JSON.parse((await get(`${base}?jobid=abc`, sim.token)).body.toString())).toEqual({
      ...expected[404],
      error: 'Unable to locate job abc',
    });
    const old = sim.addJob({ createdAt: sim.clock.now() - 40 * 24 * 3600 * 1000 });
    expect(JSON.parse((await get(`${base}?jobid=${old.jobid}`, sim.token)).body.toString())).toEqual(
      expected[410],
    );
    sim.subscriptionActive = false;
    const res = await get(`${base}?jobid=abc`, sim.token);
    expect([res.status, JSON.parse(res.body.toString())]).toEqual([402, expected[402]]);
  });

  it('moves a job through created, started and progress to its outcome at 15–60 s ticks', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock });
    const job = sim.addJob({ durationMs: 5 * 60_000, outcome: 'failed' });
    const seen: { status: string; content: string; updated: string; embeds?: unknown[] }[] = [];
    for (let t = 0; t < 10 * 60; t += 5) {
      const body = JSON.parse(
        (await get(`${sim.apiUrl}/v1/pixverse/jobs/?jobid=${job.jobid}`, sim.token)).body.toString(),
      );
      if (seen.at(-1)?.updated !== body.updated) seen.push(body);
      await clock.advance(5000);
    }
    const statuses = seen.map((s) => s.status);
    expect(statuses[0]).toBe('created');
    expect(statuses[1]).toBe('started');
    expect(statuses.at(-1)).toBe('failed');
    expect(statuses.slice(2, -1).every((s) => s === 'progress')).toBe(true);
    const updates = seen.map((s) => Date.parse(s.updated));
    for (let i = 1; i < updates.length; i++) {
      expect(updates[i]! - updates[i - 1]!).toBeGreaterThanOrEqual(15_000);
      expect(updates[i]! - updates[i - 1]!).toBeLessThanOrEqual(60_000);
    }
    const percents = seen.slice(2, -1).map((s) => Number(/\((\d+)%\)/.exec(s.content)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(seen[2]?.embeds).toHaveLength(1);
  });

  it('scales time: a 5-minute job is over in well under a second at 600×', async () => {
    const sim = await startSim({ timeScale: 600 });
    const job = sim.addJob({ durationMs: 5 * 60_000 });
    const started = performance.now();
    let status = '';
    while (status !== 'completed' && performance.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = JSON.parse(
        (await get(`${sim.apiUrl}/v1/pixverse/jobs/?jobid=${job.jobid}`, sim.token)).body.toString(),
      ).status;
    }
    const elapsed = performance.now() - started;
    expect(status).toBe('completed');
    expect(elapsed).toBeGreaterThan((5 * 60_000) / 600 - 100);
    expect(elapsed).toBeLessThan((6 * 60_000) / 600 + 1500); // generous: CI machines are busy
  });

  it('lists executing jobs and lets one be cancelled', async () => {
    const sim = await startSim();
    const a = sim.addJob();
    const b = sim.addJob();
    const list = async () =>
      JSON.parse((await get(`${sim.apiUrl}/v1/pixverse/jobs`, sim.token)).body.toString());
    expect(await list()).toEqual([a.jobid, b.jobid]);
    const cancel = await get(`${sim.apiUrl}/v1/pixverse/jobs/cancel/?jobid=${a.jobid}`, sim.token);
    expect(JSON.parse(cancel.body.toString())).toEqual({ jobid: a.jobid, status: 'cancelled' });
    expect(await list()).toEqual([b.jobid]);
  });
});

describe('useapi simulator: CDN', () => {
  async function completedJob(options: { linkTtlMs?: number; videoSize?: number } = {}) {
    const clock = new FakeClock();
    const sim = await startSim({ clock, linkTtlMs: options.linkTtlMs });
    const job = sim.addJob({
      timeline: [{ atMs: 0, status: 'completed' }],
      videoSize: options.videoSize ?? 3_000_000,
    });
    const body = JSON.parse(
      (await get(`${sim.apiUrl}/v1/pixverse/jobs/?jobid=${job.jobid}`, sim.token)).body.toString(),
    );
    return { sim, clock, job, attachment: body.attachments[0] };
  }

  it('serves the whole video with its size and an ETag', async () => {
    const { job, attachment } = await completedJob();
    const res = await get(attachment.url);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(attachment.size);
    expect(createHash('sha256').update(res.body).digest('hex')).toBe(job.attachments[0]!.video.sha256());
    expect(res.headers.get('etag')).toBeTruthy();
    const proxied = await get(attachment.proxy_url);
    expect(proxied.body.equals(res.body)).toBe(true);
  });

  it('honours Range and If-Range, and answers 416 past the end', async () => {
    const { attachment } = await completedJob();
    const full = (await get(attachment.url)).body;
    const etag = (await get(attachment.url)).headers.get('etag')!;
    const part = await get(attachment.url, undefined, { Range: 'bytes=1000000-', 'If-Range': etag });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000000-${full.length - 1}/${full.length}`);
    expect(part.body.equals(full.subarray(1_000_000))).toBe(true);
    const stale = await get(attachment.url, undefined, { Range: 'bytes=10-', 'If-Range': '"old"' });
    expect(stale.status).toBe(200);
    const beyond = await get(attachment.url, undefined, { Range: `bytes=${full.length}-` });
    expect(beyond.status).toBe(416);
  });

  it('expires links after their lifetime and refuses tampered ones', async () => {
    const { clock, attachment } = await completedJob({ linkTtlMs: 60_000 });
    expect((await get(attachment.url)).status).toBe(200);
    const tampered = attachment.url.replace(/hm=[0-9a-f]/, 'hm=z');
    expect((await get(tampered)).status).toBe(404);
    await clock.advance(61_000);
    const expired = await get(attachment.url);
    expect([expired.status, expired.body.toString()]).toEqual([404, 'This content is no longer available.']);
  });
});
