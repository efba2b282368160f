/**
 * axe-core in a kiosk page. axe is put into the page with `page.evaluate` (DevTools
 * protocol), which the page's CSP does not govern (reliability.md R-E3); `addScriptTag`
 * would be an inline or same-origin script the CSP blocks or the host does not serve.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** Serious and critical violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const isLoaded = await page.evaluate<boolean>(`typeof window.axe !== 'undefined'`);
  if (!isLoaded) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<{ passes: number; violations: Violation[] }>(`
    axe.run(document).then((r) => ({
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
    }))`);
  // A run that checked nothing would pass anything.
  expect(result.passes).toBeGreaterThan(10);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(' | ')}`);
}
