import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, discoveryOf, readSettings } from '../../main/core/settings.js';

describe('discovery settings per source', () => {
  const defaults = defaultSettings('/videos');

  it('loads a settings file from before v2 with every source discovering as before, website videos off', () => {
    const stored = { autoDiscovery: true, pollIntervalSec: 20, apiBaseUrl: 'https://api.useapi.net' };
    const { settings, reset } = readSettings(stored, defaults);
    expect(reset).toEqual([]);
    expect(settings).toMatchObject({ autoDiscovery: true, pollIntervalSec: 20 });
    expect(discoveryOf(settings)).toEqual({ v1: true, v2Scheduler: true, v2Videos: false });
  });

  it('keeps each source’s switch as stored and resets a bad one alone', () => {
    const stored = { discoverV1: false, discoverV2Videos: true, discoverV2Scheduler: 'yes' };
    const { settings, reset } = readSettings(stored, defaults);
    expect(reset).toEqual(['discoverV2Scheduler']);
    expect(discoveryOf(settings)).toEqual({ v1: false, v2Scheduler: true, v2Videos: true });
  });

  it('accepts a patch of one switch and refuses a non-boolean', () => {
    expect(applySettingsPatch(defaults, { discoverV2Videos: true }).discoverV2Videos).toBe(true);
    expect(() => applySettingsPatch(defaults, { discoverV1: 1 })).toThrow();
  });
});
