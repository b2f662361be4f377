import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
};

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in the page and returns the serious and critical violations, each
 * with the elements it found, so that a failure says what to fix.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the window's CSP (no inline script) rightly refuses a script tag.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type AxeResult = {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[]; html: string }>;
      }>;
    };
    const page = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<AxeResult> };
    };
    // Fluent UI's focus manager (tabster) puts aria-hidden focus sentinels around lists and tab lists; they hand
    // focus on at once and are never announced, so they are left out of the scan, as Fluent UI's own tests do.
    const result = await page.axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      },
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        // The element's own markup: Fluent's generated class names alone do not say which component it is.
        targets: v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 300)}`),
      }));
  });
}
