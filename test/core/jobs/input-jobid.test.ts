import { describe, expect, it } from 'vitest';
import { parseJobidInput } from '../../../main/core/api/jobid-input.js';

describe('a jobid pasted into the app', () => {
  it.each(['job\u202Egpj.exe', 'job\u2066x\u2069', 'job\u200Bzero-width', 'job\u00ADsoft'])(
    'is refused when it holds an invisible format character: %j',
    (text) => {
      const parsed = parseJobidInput(text);
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? '' : parsed.reason).toMatch(/invisible characters/);
    },
  );

  it('is taken when it holds none', () => {
    expect(parseJobidInput('user:1-pixverse:a@b.c-video:99')).toEqual({
      ok: true,
      jobid: 'user:1-pixverse:a@b.c-video:99',
      source: 'v2',
    });
  });
});
