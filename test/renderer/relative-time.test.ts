import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../renderer/src/format.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('relativeTime', () => {
  it("says what Intl.RelativeTimeFormat('en', { numeric: 'auto' }) says, without Intl", () => {
    const intl = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ['day', DAY],
      ['hour', HOUR],
      ['minute', MINUTE],
      ['second', SECOND],
    ];
    const offsets = [0, 400, 499, 501, 999, 1000, 1499, 1500, 59_000, 59_999, MINUTE, 90 * SECOND, HOUR - 1]
      .concat([HOUR, 1.5 * HOUR, 23 * HOUR, DAY - 1, DAY, 1.4 * DAY, 1.5 * DAY, 2 * DAY, 45 * DAY])
      .concat([999 * DAY, 1000 * DAY, 1_234_567 * DAY]);
    for (const offset of offsets) {
      for (const diff of [offset, -offset]) {
        const [unit, ms] = units.find(([, ms]) => Math.abs(diff) >= ms) ?? units.at(-1)!;
        const iso = new Date(NOW + diff).toISOString();
        expect(relativeTime(iso, NOW), `${diff} ms`).toBe(intl.format(Math.round(diff / ms), unit));
      }
    }
  });

  it('says nothing for a missing or unreadable date', () => {
    expect(relativeTime(undefined, NOW)).toBe('');
    expect(relativeTime('not a date', NOW)).toBe('');
  });
});
