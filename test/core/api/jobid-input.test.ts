import { describe, expect, it } from 'vitest';
import { parseJobidInput } from '../../../main/core/api/jobid-input.js';

const V1 = 'user:12345-pixverse:987654321098765432-job:7f3c2a1e-5b6d-4c8e-9a0f-1b2c3d4e5f60';
const V2 = 'user:12345-pixverse:ann.lee+work@example.com-video:998877665';
const V2_ENCODED = encodeURIComponent(V2);
const TOKEN = 'user:12345-Zk8qW3xN5vR7tY1uP0oI9';

describe('what a user pastes to add a job', () => {
  it.each([
    ['a bare v1 jobid', V1, V1, 'v1'],
    ['a short v1 jobid', 'job-while-offline', 'job-while-offline', 'v1'],
    ['a bare v2 video id', V2, V2, 'v2'],
    ['a v2 id with white space around it', `\n  ${V2}\t`, V2, 'v2'],
    ['a v1 jobid in double quotes', `"${V1}"`, V1, 'v1'],
    ['a v2 id in single quotes', `'${V2}'`, V2, 'v2'],
    ['a v2 id in typographic quotes', `“${V2}”`, V2, 'v2'],
    ['a percent-encoded v2 id', V2_ENCODED, V2, 'v2'],
    ['a v1 GET URL', `https://api.useapi.net/v1/pixverse/jobs/?jobid=${encodeURIComponent(V1)}`, V1, 'v1'],
    ['a v1 cancel URL', `https://api.useapi.net/v1/pixverse/jobs/cancel/?jobid=${V1}`, V1, 'v1'],
    ['a v1 request line', 'GET /v1/pixverse/jobs/?jobid=abc&x=1', 'abc', 'v1'],
    ['a v2 video URL, raw', `https://api.useapi.net/v2/pixverse/videos/${V2}`, V2, 'v2'],
    ['a v2 video URL, encoded', `https://api.useapi.net/v2/pixverse/videos/${V2_ENCODED}`, V2, 'v2'],
    ['a v2 scheduler URL', `https://api.useapi.net/v2/pixverse/scheduler/${V2}/`, V2, 'v2'],
    ['a simulator URL', `http://127.0.0.1:8080/v2/pixverse/videos/${V2_ENCODED}`, V2, 'v2'],
    ['a pixverse.ai page with the id in its path', `https://app.pixverse.ai/video/${V2_ENCODED}`, V2, 'v2'],
    [
      'a pixverse.ai page with the id in its query',
      `https://app.pixverse.ai/create?id=${V2_ENCODED}&x=1`,
      V2,
      'v2',
    ],
    ['a v1 answer', `{"jobid": "${V1}", "status": "created", "code": 200}`, V1, 'v1'],
    [
      'a v2 answer',
      JSON.stringify({ video_id: V2, video_status: 5, video_status_name: 'QUEUED', model: 'v5' }),
      V2,
      'v2',
    ],
    ['a v2 scheduler entry', JSON.stringify({ id: V2, type: 'video', started: '2026-01-01' }), V2, 'v2'],
    ['an older v2 scheduler entry', JSON.stringify({ videoId: V2, type: 'video' }), V2, 'v2'],
    ['a list of one jobid', JSON.stringify([V1]), V1, 'v1'],
    ['a scheduler list of one entry', JSON.stringify([{ id: V2, type: 'video' }]), V2, 'v2'],
    [
      'a v2 videos list of one video',
      JSON.stringify({ data: [{ video_id: V2, video_status: 1 }] }),
      V2,
      'v2',
    ],
    [
      'a v1 curl line',
      `curl -H "Authorization: Bearer ${TOKEN}" "https://api.useapi.net/v1/pixverse/jobs/?jobid=${V1}"`,
      V1,
      'v1',
    ],
    [
      'a v2 curl line with a trailing quote cut off',
      `curl -s 'https://api.useapi.net/v2/pixverse/videos/${V2}' -H 'Authorization: Bearer ${TOKEN}'`,
      V2,
      'v2',
    ],
    [
      'a curl line pasted with a trailing quote',
      `curl "https://api.useapi.net/v1/pixverse/jobs/?jobid=${V1}" \\\n  -H "Authorization: Bearer ${TOKEN}"'`,
      V1,
      'v1',
    ],
  ])('takes %s', (_what, text, jobid, source) => {
    expect(parseJobidInput(text)).toEqual({ ok: true, jobid, source });
  });

  it.each([
    ['nothing', '   ', /nothing to add/],
    ['not text', 42, /not text/],
    ['over-long text', 'x'.repeat(200_000), /too long/],
    ['two words', 'two words', /does not look like a jobid: .*no spaces/],
    ['a jobid with an opening quote only', `"${V1}`, /no quotes, brackets/],
    ['a jobid with a trailing comma', `"${V1}",`, /no quotes, brackets/],
    ['a bidi override', 'job\u202Egpj.exe', /invisible characters/],
    ['a zero-width space', `${V2.slice(0, 10)}\u200B${V2.slice(10)}`, /invisible characters/],
    ['a cut-off v2 id', 'user:12345-pixverse:ann@example.com-video:', /cut-off PixVerse v2 video id/],
    ['a v2 id cut inside -video', 'user:12345-pixverse:ann@example.com-vid', /cut-off PixVerse v2 video id/],
    [
      'a v2 id without its video part',
      'user:12345-pixverse:ann-lee@example.com',
      /cut-off PixVerse v2 video id/,
    ],
    ['a JSON list of two', JSON.stringify([V1, V2]), /2 entries: add one job at a time/],
    ['a v2 videos list of two', JSON.stringify({ data: [{ video_id: V2 }, { video_id: V2 }] }), /2 entries/],
    ['a query without its address', 'jobid=abc', /no \/, \?, #, & or =/],
    ['a relative path', 'videos/abc', /no \/, \?, #, & or =/],
    ['an empty JSON list', '[]', /0 entries: add one job at a time/],
    ['a list of numbers', '[42]', /not a job/],
    ['broken JSON', `{"jobid": "${V1}"`, /cannot be read/],
    ['JSON without an id', '{"status": "created"}', /no "jobid" field/],
    [
      'a scheduler entry of an image',
      JSON.stringify({ id: 'img-42', type: 'image' }),
      /not a PixVerse v2 video id/,
    ],
    ['an unrelated URL', 'https://example.com/?x=1', /no jobid parameter/],
    ['a v1 URL without jobid', 'https://api.useapi.net/v1/pixverse/jobs/', /no jobid parameter/],
    [
      'the v2 videos list',
      'https://api.useapi.net/v2/pixverse/videos/?limit=10',
      /not a useapi.net job endpoint|not the address/,
    ],
    ['a v2 URL with a v1 id', 'https://api.useapi.net/v2/pixverse/videos/abc', /not a PixVerse v2 video id/],
    [
      'a pixverse.ai page with its own number',
      'https://app.pixverse.ai/video/998877665',
      /paste the "video_id"/,
    ],
    ['a bare pixverse.ai address', 'pixverse.ai/video/998877665', /paste the "video_id"/],
    [
      'a curl line of another endpoint',
      `curl -H "Authorization: Bearer ${TOKEN}" https://api.useapi.net/v1/pixverse/create`,
      /curl command does not call a useapi.net job endpoint/,
    ],
    [
      'a quoted curl URL with a space in it',
      `curl 'https://api.useapi.net/v1/pixverse/jobs/?jobid=${V1} trailing-junk'`,
      /space/,
    ],
    ['a URL followed by more words', `https://api.useapi.net/v1/pixverse/jobs/?jobid=bad id`, /space/],
    ['a quoted URL with a space in it', `"https://api.useapi.net/v2/pixverse/videos/${V2} x"`, /space/],
  ])('refuses %s, saying why', (_what, text, reason) => {
    const parsed = parseJobidInput(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });

  it('never repeats a token from a pasted curl line', () => {
    const lines = [
      `curl -H "Authorization: Bearer ${TOKEN}" https://api.useapi.net/v1/pixverse/accounts`,
      `curl -H "Authorization: Bearer ${TOKEN}" "https://api.useapi.net/v1/pixverse/jobs/?jobid=a%E2%80%AEb"`,
      `Authorization: Bearer ${TOKEN}`,
    ];
    for (const line of lines) {
      const parsed = parseJobidInput(line);
      expect(parsed.ok).toBe(false);
      expect(JSON.stringify(parsed)).not.toContain(TOKEN.slice(-12));
    }
  });
});
