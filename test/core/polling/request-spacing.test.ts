import { describe, expect, it } from 'vitest';
import { RequestSpacing, type SpacingRecords } from '../../../main/core/polling/request-spacing.js';

/** A jobs database as the spacing reads it: last checks and removals, set by the test. */
function records(): SpacingRecords & { checked: Map<string, number>; removed: Map<string, number> } {
  const checked = new Map<string, number>();
  const removed = new Map<string, number>();
  return {
    checked,
    removed,
    lastCheckedAt: (jobid) => checked.get(jobid),
    removedAt: (jobid) => removed.get(jobid),
  };
}

describe('RequestSpacing: the interval after each job’s last answer', () => {
  it('holds a job back until the interval after its last answer, and never longer than one interval', () => {
    const spacing = new RequestSpacing(10_000, records());
    expect(spacing.earliest('a', 1_000)).toBe(1_000);
    spacing.answered('a', 1_000);
    expect(spacing.earliest('a', 4_000)).toBe(11_000);
    expect(spacing.earliest('a', 12_000)).toBe(12_000);
    // The clock went back: one interval from now, not from the answer "in the future".
    expect(spacing.earliest('a', 500)).toBe(10_500);
  });

  it('counts from the last check another process recorded, and from a removal when added again', () => {
    const db = records();
    const spacing = new RequestSpacing(10_000, db);
    db.checked.set('a', 5_000);
    expect(spacing.earliest('a', 6_000)).toBe(15_000);
    db.removed.set('b', 7_000);
    expect(spacing.earliest('b', 8_000)).toBe(8_000); // removed: nothing asks for it
    spacing.addedAgain('b');
    db.removed.delete('b');
    expect(spacing.earliest('b', 8_000)).toBe(17_000);
  });

  it('forgets answers older than the interval once many jobs have answered, and keeps the recent ones', () => {
    const spacing = new RequestSpacing(10_000, records());
    for (let i = 0; i < 300; i++) spacing.answered(`old${i}`, 0);
    spacing.answered('old0', 15_000); // asked again: it is recent now
    for (let i = 0; i < 300; i++) spacing.answered(`new${i}`, 20_000);
    expect(spacing.earliest('old0', 20_000)).toBe(25_000);
    expect(spacing.size).toBeLessThan(300 + 2);
    expect(spacing.earliest('old1', 20_000)).toBe(20_000);
    expect(spacing.earliest('new299', 20_000)).toBe(30_000);
    expect(spacing.earliest('new0', 20_000)).toBe(30_000);
  });
});
