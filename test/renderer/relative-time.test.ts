import { describe, expect, it } from 'vitest';
import { countdown, relativeTime, timeAgo } from '../../renderer/src/format.js';

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

describe('timeAgo: a row\'s "created …" and "updated …"', () => {
  it('never reads in the future: a time ahead (a clock a little off, a demo) is "just now"', () => {
    for (const ahead of [1, 30 * SECOND, 2 * MINUTE, 5 * MINUTE, 3 * HOUR])
      expect(timeAgo(new Date(NOW + ahead).toISOString(), NOW)).toBe('just now');
    expect(timeAgo(new Date(NOW - 20 * SECOND).toISOString(), NOW)).toBe('just now');
    expect(timeAgo(new Date(NOW - 2 * MINUTE).toISOString(), NOW)).toBe('2 minutes ago');
    expect(timeAgo(new Date(NOW - 3 * HOUR).toISOString(), NOW)).toBe('3 hours ago');
    expect(timeAgo(undefined, NOW)).toBe('');
  });

  it('counts down in seconds, then minutes, and never below zero', () => {
    expect(countdown(new Date(NOW + 40 * SECOND).toISOString(), NOW)).toBe('40 s');
    expect(countdown(new Date(NOW + 39.2 * SECOND).toISOString(), NOW)).toBe('40 s');
    expect(countdown(new Date(NOW + 3 * MINUTE).toISOString(), NOW)).toBe('3 min');
    expect(countdown(new Date(NOW - SECOND).toISOString(), NOW)).toBe('a moment');
  });
});
