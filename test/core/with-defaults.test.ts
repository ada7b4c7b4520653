import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../main/core/with-defaults.js';
import { resolvePolicy, DEFAULT_POLICY } from '../../main/core/polling/polling-policy.js';
import { applySettingsPatch, defaultSettings } from '../../main/core/settings.js';

describe('withDefaults', () => {
  it('keeps a default when the option is passed as undefined', () => {
    const random = () => 0.5;
    const options: { retries?: number; random?: () => number } = { retries: undefined, random: undefined };
    const merged = withDefaults({ retries: 3, random }, options);
    expect(merged.retries).toBe(3);
    expect(merged.random).toBe(random);
  });

  it('lets every defined option win, falsy ones included', () => {
    const merged = withDefaults({ a: 1, b: 'x', c: true, d: 5 }, { a: 0, b: '', c: false, d: null });
    expect(merged).toEqual({ a: 0, b: '', c: false, d: null });
  });

  it('adds options the defaults do not name, and leaves both inputs untouched', () => {
    const defaults = { a: 1 };
    const options = { b: 2, c: undefined };
    expect(withDefaults(defaults, options)).toEqual({ a: 1, b: 2 });
    expect(defaults).toEqual({ a: 1 });
    expect(options).toEqual({ b: 2, c: undefined });
  });
});

describe('option merges across the code base keep defaults for undefined options', () => {
  it('resolvePolicy', () => {
    const policy = resolvePolicy({ intervalMs: undefined, maxInFlight: undefined }, 'http://127.0.0.1:1');
    expect(policy.intervalMs).toBe(DEFAULT_POLICY.intervalMs);
    expect(policy.maxInFlight).toBe(DEFAULT_POLICY.maxInFlight);
  });

  it('applySettingsPatch', () => {
    const current = defaultSettings('/videos');
    const next = applySettingsPatch(current, { downloadFolder: undefined, autoDownload: false });
    expect(next.downloadFolder).toBe('/videos');
    expect(next.autoDownload).toBe(false);
  });
});
