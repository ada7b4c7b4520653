import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { axeFindings, findingLine, isSerious, type AxeFinding } from '../helpers/axe.js';
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
