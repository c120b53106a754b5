// axe-core in the end-to-end tests: one call, `expectNoAxeViolations(page, 'state')`, injects axe
// into the page (once per document), runs its WCAG 2.x A/AA and best-practice rules on the whole
// document, and fails with every violation written out readably (rule, impact, the elements and
// why). Each state's result is also kept in test-results/axe-results.json, for the closing note.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { ROOT } from './server-and-browser';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const RESULTS_FILE = join(ROOT, 'test-results', 'axe-results.json');

/** Violations per page state of this test process, written after each check. */
const recorded: Record<string, { violations: number; rules: string[]; passes: number }> = {};

/** What axe checks: the WCAG 2.0–2.2 A and AA rules and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

function describeNode(n: NodeResult): string {
  const why = (n.failureSummary ?? '').split('\n').map((l) => `        ${l.trim()}`);
  return [`    at ${n.target.join(' ')}`, `      ${n.html.slice(0, 200)}`, ...why].join('\n');
}

/** Violations as text: one block per rule, with each element and what axe says is wrong with it. */
export function formatViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => [`  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})`, ...v.nodes.map(describeNode)].join('\n'))
    .join('\n');
}

/** Runs axe on the page as it is now; gives its result. */
export async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(
    (tags) => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    [...AXE_TAGS],
  );
}

/** Fails, listing them, when axe finds any violation on the page in this state. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const result = await runAxe(page);
  recorded[state] = { violations: result.violations.length, rules: result.violations.map((v) => v.id), passes: result.passes.length };
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // first state of the run
  }
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...all, ...recorded }, null, 2)}\n`);
  if (result.violations.length > 0)
    throw new Error(`axe: ${result.violations.length} violation(s) ${state}:\n${formatViolations(result.violations)}`);
}
