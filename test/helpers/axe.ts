import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');

/** One rule broken on one element, as the report lists it. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  html: string;
}

/** What axe-core finds in the page as it is now (WCAG 2.x A/AA and best practices). */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // The page's CSP forbids inline scripts: a script tag would not run, an evaluation from DevTools does.
  if (!(await page.evaluate('typeof window.axe !== "undefined"')))
    await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  const violations = (await page.evaluate(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160) })),
    })))`)) as { id: string; impact: string; help: string; nodes: { target: string; html: string }[] }[];
  return violations.flatMap((v) =>
    v.nodes.map((n) => ({ rule: v.id, impact: v.impact, help: v.help, target: n.target, html: n.html })),
  );
}

export const isSerious = (f: AxeFinding) => f.impact === 'serious' || f.impact === 'critical';

/** One line per finding: what the assertion prints when it fails. */
export const findingLine = (f: AxeFinding) => `${f.impact} ${f.rule}: ${f.target} — ${f.help}`;

/** WCAG's contrast ratio of two opaque `rgb(r, g, b)` colours as getComputedStyle gives them. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
