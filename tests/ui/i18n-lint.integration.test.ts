// The lint check that keeps the page's words in the catalogs fails on what it should: text in JSX,
// in the attributes people read (aria-label, title, a toggletip's topic and help), and prose built
// in a page module outside JSX; and it lets through catalog lookups, symbols, class names and
// console output. It runs the project's own ESLint config on probe sources (typed linting: slow).

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The rules that fired on `code`, as if it were the page module at `filePath` (an existing one: typed linting needs it in the project). */
async function firedRules(code: string, filePath = 'src/ui/SkipLink.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // a parse failure would pass every check: none is allowed
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.map((m) => m.ruleId ?? m.message).filter((r) => r === 'i18next/no-literal-string' || r === 'no-restricted-syntax');
}

const HEAD = `import type { ReactNode } from 'react';\nimport { useLocale } from './i18n/useLocale';\nimport { Toggletip } from './Toggletip';\n`;

describe('the literal-string lint', () => {
  it('fails on words in JSX, read attributes and prose outside JSX', async () => {
    expect(await firedRules(`${HEAD}export function P(): ReactNode {\n  return <p>Run finished</p>;\n}\n`)).toEqual([
      'i18next/no-literal-string',
    ]);
    expect(
      await firedRules(`${HEAD}export function P(): ReactNode {\n  return <button aria-label="Close dialog">×</button>;\n}\n`),
    ).toEqual(['i18next/no-literal-string']);
    expect(await firedRules(`${HEAD}export function P(): ReactNode {\n  return <Toggletip topic="Speed">{'?'}</Toggletip>;\n}\n`)).toEqual([
      'i18next/no-literal-string',
    ]);
    expect(await firedRules(`export const STEPS = ['Move the dropout slider to see the curve change'];\n`, 'src/ui/announce.ts')).toEqual([
      'no-restricted-syntax',
    ]);
    expect(
      await firedRules('export const caption = (n: number): string => `Test MSE of the plain net at epoch ${n}`;\n', 'src/ui/announce.ts'),
    ).toEqual(['no-restricted-syntax']);
  }, 240_000);

  it('passes catalog lookups, symbols, class names and console output', async () => {
    const ok = `${HEAD}export function P(): ReactNode {
  const { t } = useLocale();
  console.error('the page crashed while rendering', t);
  return (
    <p className="notice info small" aria-label={t('app.title')}>
      {t('app.reload')} ↺ × 0.5
      <Toggletip topic={t('topic.backend')}>{t('explain.backend')}</Toggletip>
    </p>
  );
}
`;
    expect(await firedRules(ok)).toEqual([]);
  }, 240_000);
});
