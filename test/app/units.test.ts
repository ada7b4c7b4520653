import { describe, expect, it } from 'vitest';
import { toJobView } from '../../main/app/job-view.js';
import { redactSecrets } from '../../main/app/redact.js';
import { parseJobidInput } from '../../main/core/api/jobid-input.js';
import { applySettingsPatch, defaultSettings, readSettings } from '../../main/core/settings.js';
import { v1Job } from '../helpers/v1-jobs.js';

describe('jobid input', () => {
  it.each([
    ['user:1-pixverse:abc-job:42', 'user:1-pixverse:abc-job:42'],
    ['  user:1-job:42\n', 'user:1-job:42'],
    ['https://api.useapi.net/v1/pixverse/jobs/?jobid=user%3A1-job%3A42', 'user:1-job:42'],
    ['GET /v1/pixverse/jobs/?jobid=abc&x=1', 'abc'],
    ['{"jobid": "user:1-job:42", "status": "created", "code": 200}', 'user:1-job:42'],
  ])('finds the jobid in %j', (text, jobid) => {
    expect(parseJobidInput(text)).toEqual({ ok: true, jobid, source: 'v1' });
  });

  it.each([
    ['', /nothing to add/],
    ['two words', /does not look like a jobid/],
    ['{"status": "created"}', /no "jobid" field/],
    ['{"jobid": ', /cannot be read/],
    ['https://example.com/?x=1', /no jobid parameter/],
    ['x'.repeat(200_000), /too long/],
    [42, /not text/],
  ])('says why %j holds no jobid', (text, reason) => {
    const result = parseJobidInput(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('settings', () => {
  const defaults = defaultSettings('/home/u/Downloads/PixVerse Tray');

  it('refuses a poll interval under 10 s for the real API, allows it for a simulator', () => {
    expect(() => applySettingsPatch(defaults, { pollIntervalSec: 5 })).toThrow(/at least 10 seconds/);
    const local = applySettingsPatch(defaults, { apiBaseUrl: 'http://127.0.0.1:8080', pollIntervalSec: 2 });
    expect(local.pollIntervalSec).toBe(2);
  });

  it('refuses unknown settings and bad values with a readable message', () => {
    expect(() => applySettingsPatch(defaults, { theme: 'dark' })).toThrow(/Unknown setting: theme/);
    expect(() => applySettingsPatch(defaults, { apiBaseUrl: 'javascript:alert(1)' })).toThrow(
      /must use https/,
    );
    expect(() => applySettingsPatch(defaults, { downloadFolder: '' })).toThrow(/Choose a download folder/);
  });

  it('keeps the good fields of a damaged settings file and resets the bad ones', () => {
    const { settings, reset } = readSettings(
      { pollIntervalSec: 'x', autoDownload: false, notify: 3 },
      defaults,
    );
    expect(settings).toMatchObject({ pollIntervalSec: 10, autoDownload: false, notify: defaults.notify });
    expect(reset.sort()).toEqual(['notify', 'pollIntervalSec']);
  });
});

describe('log redaction', () => {
  it('blanks the token and any Bearer value, in strings, errors and objects', () => {
    const token = 'tok-redact-me-123';
    const out = redactSecrets(
      [
        'GET with tok-redact-me-123',
        new Error('failed for tok-redact-me-123'),
        { headers: { Authorization: 'Bearer old-token-9' } },
        "curl -H 'Authorization: raw-token-7' https://api.useapi.net/v1/pixverse/jobs",
      ],
      token,
    );
    expect(JSON.stringify(out, (_k, v) => (v instanceof Error ? v.message : v))).not.toMatch(
      /tok-redact-me-123|old-token-9|raw-token-7/,
    );
  });
});

describe('job view', () => {
  it('passes only https links and file names, never full paths', () => {
    const view = toJobView({
      jobid: 'a',
      addedAt: 0,
      source: 'v1',
      state: 'completed',
      finishAnnounced: true,
      notified: [],
      job: v1Job('a', {
        status: 'completed',
        attachments: [{ url: 'javascript:alert(1)' }],
        embeds: [{ image: { url: 'http://insecure/x.png', proxy_url: 'https://cdn.example/x.png' } }],
      }),
      downloads: { k: { state: 'saved', bytes: 5, file: '/home/u/Downloads/secret/a.mp4' } },
    });
    expect(view.videoUrl).toBeUndefined();
    expect(view.previewUrl).toBe('https://cdn.example/x.png');
    expect(view.downloads[0]).toMatchObject({ fileName: 'a.mp4' });
    expect(JSON.stringify(view)).not.toContain('/home/u');
  });
});
