import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { axeFindings, contrastRatio, findingLine, isSerious, type AxeFinding } from '../helpers/axe.js';
import { artifact } from '../helpers/browser.js';
import { useWindowStates, WINDOW_STATES } from '../helpers/window-states.js';

const openState = useWindowStates();
/** Every finding of the run, by rule: written to test-artifacts/ for the reviewer. */
const found: (AxeFinding & { state: string })[] = [];

afterAll(() => {
  const byRule = new Map<string, string[]>();
  for (const f of found) {
    const lines = byRule.get(`${f.rule} (${f.impact}): ${f.help}`) ?? [];
    lines.push(`  ${f.state}: ${f.target}  ${f.html}`);
    byRule.set(`${f.rule} (${f.impact}): ${f.help}`, lines);
  }
  const text = [...byRule].map(([rule, lines]) => [rule, ...new Set(lines)].join('\n')).join('\n\n');
  fs.writeFileSync(artifact('window/a11y-findings.txt'), `${text}\n`);
});

describe('axe-core finds no serious or critical violation in the jobs window', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it.for(WINDOW_STATES.map((s) => [s.name, s] as const))(
      `%s (${colorScheme})`,
      { timeout: 60_000 },
      async ([, state], context) => {
        const { w, skipped } = await openState(state, colorScheme);
        if (skipped) {
          console.log(`${state.name}: skipped, ${skipped}`);
          return context.skip();
        }
        const findings = await axeFindings(w.page);
        found.push(...findings.map((f) => ({ ...f, state: `${state.name} (${colorScheme})` })));
        expect(findings.filter(isSerious).map(findingLine)).toEqual([]);
      },
    );
  }
});

// axe-core checks the contrast of text only: a text field's edge (WCAG 1.4.11, 3:1 against what is
// around it) and the hint written in an empty field (read as text, 4.5:1) are checked here.
const FIELD_COLOURS = `[...document.querySelectorAll('input:not([type=checkbox])')]
  .filter((input) => input.getClientRects().length > 0)
  .map((input) => {
    const style = getComputedStyle(input);
    let around = input.parentElement;
    while (getComputedStyle(around).backgroundColor === 'rgba(0, 0, 0, 0)') around = around.parentElement;
    return {
      field: input.id || input.type,
      border: style.borderTopColor,
      inside: style.backgroundColor,
      outside: getComputedStyle(around).backgroundColor,
      hint: input.placeholder ? getComputedStyle(input, '::placeholder').color : undefined,
    };
  })`;

describe('text fields can be made out, in light and dark', () => {
  const jobs = WINDOW_STATES.find((s) => s.name === 'jobs-view')!;
  const settings = WINDOW_STATES.find((s) => s.name === 'settings')!;
  const cases = (['light', 'dark'] as const).flatMap((colorScheme) =>
    [jobs, settings].map((state) => ({ colorScheme, state, view: state.name })),
  );
  it.for(cases)('$view ($colorScheme)', { timeout: 60_000 }, async ({ colorScheme, state }) => {
    const { w } = await openState(state, colorScheme);
    const fields = (await w.page.evaluate(FIELD_COLOURS)) as {
      field: string;
      border: string;
      inside: string;
      outside: string;
      hint?: string;
    }[];
    expect(fields.length).toBeGreaterThan(0);
    const weak = fields.flatMap((f) => {
      const edge = Math.min(contrastRatio(f.border, f.inside), contrastRatio(f.border, f.outside));
      const hint = f.hint === undefined ? Infinity : contrastRatio(f.hint, f.inside);
      return [
        ...(edge < 3
          ? [`${f.field}: edge ${edge.toFixed(2)}:1 (${f.border} by ${f.inside}/${f.outside})`]
          : []),
        ...(hint < 4.5 ? [`${f.field}: hint ${hint.toFixed(2)}:1 (${f.hint} on ${f.inside})`] : []),
      ];
    });
    expect(weak).toEqual([]);
  });
});
