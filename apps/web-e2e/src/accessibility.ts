import AxeBuilder from '@axe-core/playwright';
import { Page, expect } from '@playwright/test';

/** axe-core rule tags for WCAG 2.1 levels A and AA (the level BITV 2.0 requires). */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core on the current page and fails with a readable list of WCAG 2.1 AA violations. */
export async function expectNoAccessibilityViolations(page: Page, pageName: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const report = violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  expect(violations, `WCAG 2.1 AA violations on the ${pageName}:\n${report}`).toEqual([]);
}
