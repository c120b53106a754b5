// The guided tour's steps: six, in the order, each with a valid settings patch, a unique
// target, a title and two or three sentences; the step that claims L1 sparsity is checked against a
// real CPU run of its own setting; and the Tour panel as rendered.
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { histogram } from '../../src/analysis/histogram';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { Experiment, runSchedule } from '../../src/experiment/runner';
import { defaultSettings, resolveSettings } from '../../src/experiment/settings';
import { Tour } from '../../src/ui/Tour';
import { CS231N_URL, TOUR_LENGTH, TOUR_STEPS, TOUR_TARGETS, applyTourPatch, parseTourStep, tourStep } from '../../src/ui/tour-steps';
import { presetBase } from '../../src/ui/url-state';
import { englishT } from '../../src/ui/i18n/english';
import { createI18n, type Translate } from '../../src/ui/i18n/i18n';
import { PageI18nProvider } from '../../src/ui/i18n/useLocale';
import type { Lang } from '../../src/ui/i18n/languages';

const zh = createI18n('zh-CN', { react: false });
const zhT: Translate = (key, params) => zh.t(key, { ...params });
/** The page's translation layer around what a test renders. */
const inLanguage = (lang: Lang, node: ReactNode): string =>
  renderToStaticMarkup(createElement(PageI18nProvider, { i18n: createI18n(lang) }, node));

/** sentence ends: . ! ? followed by a space or the end (not the point of 0.05) */
const sentences = (text: string): number => (text.match(/[.!?](\s|$)/g) ?? []).length;
/** Chinese sentence ends: 。！？ */
const sentencesZh = (text: string): number => (text.match(/[。！？]/g) ?? []).length;

describe('tour steps', () => {
  it('six steps in the issue’s order: data, over-fitting, dropout, L2, L1, seeds', () => {
    expect(TOUR_LENGTH).toBe(6);
    expect(TOUR_STEPS.map((s) => s.id)).toEqual(['data', 'overfit', 'dropout', 'weight-decay', 'l1', 'seeds']);
  });

  it('every step: a valid patch (nothing clamped, nothing unknown), a known and unique target, a title, 2–3 sentences', () => {
    const targets = TOUR_STEPS.map((s) => s.target);
    expect(new Set(targets).size).toBe(targets.length);
    for (const step of TOUR_STEPS) {
      expect(TOUR_TARGETS).toContain(step.target);
      expect(englishT(step.title).length).toBeGreaterThan(3);
      expect(zhT(step.title)).toMatch(/[\u4e00-\u9fff]/);
      for (const patch of [step.patch, ...(step.followUp ? [step.followUp.patch] : [])]) {
        const { corrections, unknown } = resolveSettings(patch);
        expect({ id: step.id, corrections, unknown }).toEqual({ id: step.id, corrections: [], unknown: [] });
      }
      const n = sentences(step.body.map((k) => englishT(k)).join(' '));
      expect(n, `${step.id}: ${n} sentences`).toBeGreaterThanOrEqual(2);
      expect(n, `${step.id}: ${n} sentences`).toBeLessThanOrEqual(3);
      // the same sentences in Chinese, one per key
      expect(sentencesZh(step.body.map((k) => zhT(k)).join('')), step.id).toBe(step.body.length);
      expect(step.links.length).toBeGreaterThan(0);
    }
  });

  it('steps set the page up as they say: the tutorial, its dropout conventions, the presets of L2 and “Dropout helps”', () => {
    const from = { ...defaultSettings(), hidden: 16, noise: 1.5, convention: 'vanilla' as const };
    expect(applyTourPatch(from, TOUR_STEPS[0].patch)).toEqual(presetBase('tutorial'));
    expect(applyTourPatch(from, TOUR_STEPS[2].patch)).toMatchObject({ dropout: 0.5, convention: 'inverted', hidden: 300 });
    expect(applyTourPatch(from, TOUR_STEPS[3].patch)).toEqual(presetBase('weight-decay-helps'));
    expect(applyTourPatch(from, TOUR_STEPS[4].patch)).toMatchObject({ dropout: 0, l1: 1e-4, weightDecay: 0, hidden: 300 });
    expect(applyTourPatch(from, TOUR_STEPS[5].patch)).toEqual(presetBase('tutorial'));
    expect(applyTourPatch(from, TOUR_STEPS[5].followUp!.patch)).toEqual(presetBase('dropout-helps'));
  });

  it('step numbers: 1…6 only', () => {
    expect(parseTourStep('7')).toEqual({ problem: { key: 'tour.stepRange', params: { max: 6 } } });
    expect(tourStep(1)?.id).toBe('data');
    expect(tourStep(6)?.id).toBe('seeds');
    for (const bad of [0, 7, 2.5, NaN, -1]) expect(tourStep(bad)).toBeNull();
    expect(parseTourStep(' 4 ')).toEqual({ step: 4 });
    expect(parseTourStep('04')).toEqual({ step: 4 });
    expect(parseTourStep('4.0')).toHaveProperty('problem');
  });

  it('the L1 step’s claim holds on its own setting: most of the regularized net’s weights within 0.001 of zero, few of the plain net’s', async () => {
    const s = applyTourPatch(defaultSettings(), TOUR_STEPS[4].patch);
    const exp = await Experiment.create(s, createCpuBackend());
    try {
      await runSchedule(exp, s.epochs, s.every);
      const [plain, reg] = await exp.allParameters();
      const near = (w: Float32Array) => histogram(w).nearZero / w.length;
      // measured: 1.7 % of the plain net's W2 and 74 % of the regularized net's (l1 1e-4, 500 epochs)
      expect(near(reg.W2)).toBeGreaterThan(0.5);
      expect(near(plain.W2)).toBeLessThan(0.05);
    } finally {
      exp.dispose();
    }
  }, 120_000);
});

describe('the Tour component', () => {
  const render = (step: number | null, lang: Lang = 'en') =>
    inLanguage(lang, createElement(Tour, { step, onStep: () => {}, onApply: () => {} }));

  it('closed: only the "Tour" button', () => {
    const html = render(null);
    expect(html).toMatch(/^<button[^>]*aria-expanded="false"[^>]*>Tour<\/button>$/);
  });

  it('open at step 3: its title, sentences, the cs231n link, Back / Next / Skip', () => {
    const html = render(3);
    expect(html).toContain('aria-expanded="true"');
    expect(html).toContain('data-step="3"');
    expect(html).toContain('Step 3 of 6');
    expect(html).toContain('Dropout: a new mask every update');
    expect(html).toContain(englishT(TOUR_STEPS[2].title));
    for (const key of TOUR_STEPS[2].body) expect(html).toContain(englishT(key));
    expect(html).toContain(`href="${CS231N_URL}"`);
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toMatch(/>Back<\/button>.*>Next<\/button>.*>Skip<\/button>/);
    // "Tour" is the only button whose name contains "tour"
    expect((html.match(/<button[^>]*>[^<]*tour[^<]*<\/button>/gi) ?? []).length).toBe(1);
  });

  it('first step: Back disabled; last step: Finish and the “Dropout helps” follow-up; a bad step: closed', () => {
    expect(render(1)).toMatch(/<button type="button" disabled="">Back<\/button>/);
    const last = render(6);
    expect(last).toContain('>Finish</button>');
    expect(last).toContain('Try “Dropout helps”');
    expect(render(9)).not.toContain('data-testid="tour"');
  });

  it('in Chinese: the step counter, title, sentences, link and buttons', () => {
    expect(render(null, 'zh-CN')).toMatch(/>导览<\/button>$/);
    const html = render(3, 'zh-CN');
    expect(html).toContain('第 3 步，共 6 步');
    expect(html).toContain('Dropout：每次更新一个新的掩码');
    expect(html).toContain('灰色');
    expect(html).toContain('>cs231n 笔记：正则化</a>');
    expect(html).toMatch(/>上一步<\/button>.*>下一步<\/button>.*>跳过<\/button>/);
    const last = render(6, 'zh-CN');
    expect(last).toContain('>完成</button>');
    expect(last).toContain('试试“Dropout 有效”');
  });
});
