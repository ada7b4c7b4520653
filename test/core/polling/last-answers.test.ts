import { describe, expect, it } from 'vitest';
import { LastAnswers } from '../../../main/core/polling/last-answers.js';

describe('LastAnswers: the interval after each job’s last answer', () => {
  it('holds a job back until the interval after its last answer, and never longer than one interval', () => {
    const answers = new LastAnswers(10_000);
    expect(answers.earliest('a', 1_000)).toBe(1_000);
    answers.answered('a', 1_000);
    expect(answers.earliest('a', 4_000)).toBe(11_000);
    expect(answers.earliest('a', 12_000)).toBe(12_000);
    // The clock went back: one interval from now, not from the answer "in the future".
    expect(answers.earliest('a', 500)).toBe(10_500);
  });

  it('forgets answers older than the interval once many jobs have answered, and keeps the recent ones', () => {
    const answers = new LastAnswers(10_000);
    for (let i = 0; i < 300; i++) answers.answered(`old${i}`, 0);
    answers.answered('old0', 15_000); // asked again: it is recent now
    for (let i = 0; i < 300; i++) answers.answered(`new${i}`, 20_000);
    expect(answers.earliest('old0', 20_000)).toBe(25_000);
    expect(answers.size).toBeLessThan(300 + 2);
    expect(answers.earliest('old1', 20_000)).toBe(20_000);
    expect(answers.earliest('new299', 20_000)).toBe(30_000);
    expect(answers.earliest('new0', 20_000)).toBe(30_000);
  });
});
