import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUTTONS, findUnknownValues, jobSchema } from '../../../../main/core/api/v1/schema.js';

const seed = JSON.parse(
  fs.readFileSync(new URL('../../../fixtures/seed-examples.json', import.meta.url), 'utf8'),
);

describe('v1 answer schema', () => {
  it("accepts the reference's completed example as it is", () => {
    const parsed = jobSchema.parse(seed.completed);
    expect(parsed).toEqual(seed.completed);
    expect(findUnknownValues(parsed)).toEqual([]);
  });

  it('knows every documented button, the emoji ones included', () => {
    expect(BUTTONS).toEqual(expect.arrayContaining(['🔄', '🔀', '⏫', 'ReDo']));
    expect(findUnknownValues(jobSchema.parse({ buttons: ['🔄', '🔀', '⏫'], button: '⏫' }))).toEqual([]);
  });

  it('keeps unknown fields and enum values, and reports them', () => {
    const parsed = jobSchema.parse({ status: 'queued', style: 'Pixel', newField: { a: 1 }, buttons: ['U9'] });
    expect(parsed).toMatchObject({ status: 'queued', style: 'Pixel', newField: { a: 1 } });
    expect(findUnknownValues(parsed).sort()).toEqual([
      'buttons=U9',
      'field:newField',
      'status=queued',
      'style=Pixel',
    ]);
  });

  it('rejects wrong types', () => {
    expect(jobSchema.safeParse({ status: 5 }).success).toBe(false);
    expect(jobSchema.safeParse({ attachments: [{ size: 'big' }] }).success).toBe(false);
    expect(jobSchema.safeParse([]).success).toBe(false);
  });

  it('reports API fields named like Object properties as unknown, without throwing', () => {
    const parsed = jobSchema.parse(JSON.parse('{"status":"completed","constructor":"x","toString":"y"}'));
    expect(findUnknownValues(parsed).sort()).toEqual(['field:constructor', 'field:toString']);
  });
});
