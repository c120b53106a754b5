// The results caption in plain words, from real CPU-backend runs (tests/analysis/fixtures): the
// gap sentences, the "one run" label with its noise figure from seed bands of the same setting,
// the seed verdict, and the table itself rendered to markup.
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { generalisationReport, type ResultsInput } from '../../src/analysis/generalisation';
import { ResultsTable } from '../../src/ui/ResultsTable';
import { captionSentences, formatGap, formatNoise, formatRatio } from '../../src/ui/results-text';
import { isMessage } from '../../src/analysis/message';
import { createI18n, translateMessage, type Translate } from '../../src/ui/i18n/i18n';
import { PageI18nProvider } from '../../src/ui/i18n/useLocale';
import { englishText } from '../../src/ui/i18n/english';
import type { Lang } from '../../src/ui/i18n/languages';
import { IDLE_BATCH, batchReduce, seedBands, type BatchState } from '../../src/ui/batch-state';
import { resultsInputOf, seedEvidenceOf } from '../../src/ui/results-input';
import type { Checkpoint, NetCheckpoint } from '../../src/experiment/types';
import type { Settings } from '../../src/experiment/settings';
import { LESSON_RUNS, netAt, seedEvidence, type RunRecord } from '../analysis/fixtures/lesson-runs';

const { k, presets, diverging } = LESSON_RUNS;
const tutorial = presets.tutorial;
const dropoutHelps = presets['dropout-helps'];

function inputOf(run: { settings: Settings; main: RunRecord }, epoch: number, seeds: ResultsInput['seeds'] = null): ResultsInput {
  return { epoch, settings: run.settings, dataKey: '', plain: netAt(run.main, 0, epoch), regularized: netAt(run.main, 1, epoch), seeds };
}
const zh = createI18n('zh-CN', { react: false });
const zhT: Translate = (key, params) => zh.t(key, { ...params });
/** The caption as the page shows it in English, or in Chinese with `lang`. */
const caption = (input: ResultsInput, lang: Lang = 'en'): string[] =>
  captionSentences(generalisationReport(input)).map((m) => (lang === 'en' ? englishText(m) : translateMessage(zhT, m)));
/** The table rendered in a language (the page's translation layer around it). */
const renderTable = (input: ResultsInput, lang: Lang = 'en'): string =>
  renderToStaticMarkup(createElement(PageI18nProvider, { i18n: createI18n(lang) }, createElement(ResultsTable, { input })));

describe('the caption', () => {
  it('tutorial, one run: the plain net 15× (the issue’s example), the dropout net a mild gap, the comparison labelled as one run', () => {
    expect(caption(inputOf(tutorial, 500))).toEqual([
      'The plain net fits its training points 15× better than unseen points: it memorises the noise.',
      'The regularized net fits its training points 1.8× better than unseen points: a mild gap.',
      'In this run the regularized net’s test MSE is higher: 0.145 against 0.127 (one run; seed bands are needed to tell whether the difference is real).',
    ]);
  });

  it('tutorial with its own K = 16 seed bands: the one-run noise figure, and no claim beyond the spread', () => {
    const [, , oneRun, verdict] = caption(inputOf(tutorial, 500, seedEvidence(tutorial.settings, tutorial.seeds, k)));
    // 0.0033 + 0.0152 = 0.0185, written to 2 significant digits
    expect(oneRun).toBe(
      'In this run the regularized net’s test MSE is higher: 0.145 against 0.127 (one run; differences below ±0.019 are noise here, K=16).',
    );
    expect(verdict).toBe(
      'Over 16 seeds at epoch 500, neither net’s test MSE is lower beyond the seed-to-seed spread: 0.138 ± 0.0152 against 0.129 ± 0.00332.',
    );
  });

  it('"Dropout helps" with its bands: the claim, made from the bands', () => {
    const sentences = caption(inputOf(dropoutHelps, 1000, seedEvidence(dropoutHelps.settings, dropoutHelps.seeds, k)));
    expect(sentences[0]).toBe(
      'The plain net fits its training points almost exactly (train MSE 3.77e-6) but not unseen points (test MSE 0.435): it memorises the noise.',
    );
    expect(sentences[1]).toBe(
      'The regularized net does about as well on unseen points as on its training points (ratio 1.2×): no over-fitting to speak of.',
    );
    expect(sentences[2]).toBe(
      'In this run the regularized net’s test MSE is lower: 0.191 against 0.435 (one run; differences below ±0.042 are noise here, K=16).',
    );
    expect(sentences[3]).toBe(
      'Over 16 seeds at epoch 1000, the regularized net’s test MSE is lower beyond the seed-to-seed spread: 0.212 ± 0.0319 against 0.431 ± 0.0104.',
    );
  });

  it('in Chinese: the same numbers in the tutorial’s words (过拟合, 测试 MSE, 种子)', () => {
    expect(caption(inputOf(tutorial, 500), 'zh-CN')).toEqual([
      '普通网络在训练集上的均方误差 (MSE) 比在没见过的点上小 15×：它记住了噪声（过拟合）。',
      '正则化网络在训练集上的均方误差 (MSE) 比在没见过的点上小 1.8×：差距不大。',
      '在这次运行中，正则化网络的测试 MSE 更高：0.145 对 0.127（仅一次运行；需要多种子区间才能判断差异是否真实）。',
    ]);
    const helps = caption(inputOf(dropoutHelps, 1000, seedEvidence(dropoutHelps.settings, dropoutHelps.seeds, k)), 'zh-CN');
    expect(helps[3]).toBe('在 16 个种子上，第 1000 轮时正则化网络的测试 MSE 更低，超出了种子间的波动：0.212 ± 0.0319 对 0.431 ± 0.0104。');
    expect(caption(inputOf(diverging, 51), 'zh-CN')[1]).toBe('正则化网络在第 5 轮发散了（损失变成 NaN 或无穷大）：没有差距可言。');
  });

  it('bands of another setting: one run, and it says why there is no claim', () => {
    const decay = presets['weight-decay-helps'];
    const sentences = caption(inputOf(decay, 1000, seedEvidence(dropoutHelps.settings, dropoutHelps.seeds, k)));
    expect(sentences).toHaveLength(3);
    expect(sentences[2]).toMatch(/\(one run; the last seed bands were run for another setting: run them for this one/);
  });

  it('a diverged net: said, and no comparison is made', () => {
    expect(caption(inputOf(diverging, 51))).toEqual([
      'The plain net does about as well on unseen points as on its training points (ratio 1.4×): no over-fitting to speak of.',
      'The regularized net diverged at epoch 5 (its loss became NaN or infinite): it has no gap to show.',
    ]);
  });

  it('numbers are formatted one way everywhere', () => {
    const ratio = (r: number): string => {
      const v = formatRatio(r);
      return isMessage(v) ? englishText(v) : String(v);
    };
    expect([ratio(1.36), ratio(14.9), ratio(115_000), ratio(Infinity), ratio(NaN)]).toEqual(['1.4×', '15×', 'over 1,000×', '∞×', '—']);
    expect([formatGap(0.1183), formatGap(-0.0031), formatGap(NaN)]).toEqual(['+0.118', '−0.00310', '—']);
    expect([formatNoise(0.018496), formatNoise(0.0423)]).toEqual(['0.018', '0.042']);
  });
});

/** The page's Seeds job state, fed as the batch worker feeds it, from a recorded seed job. */
function seedsState(run: RunRecord): BatchState {
  const net = (m: number, i: number): NetCheckpoint => ({
    name: `n${m}`,
    label: `n${m}`,
    trainMse: NaN,
    testMse: run.testMse[m][i],
    trainMseEval: run.trainMseEval[m][i],
    penalty: 0,
    testPred: [],
    gridPred: [],
    lossHistory: [],
    penaltyHistory: [],
    divergedAt: null,
  });
  const models = run.testMse.length;
  let state: BatchState = { ...IDLE_BATCH, id: 1, phase: 'starting' };
  state = batchReduce(state, {
    type: 'started',
    id: 1,
    job: { kind: 'seeds', k, vary: 'init-and-masks' },
    backend: { name: 'cpu', description: 'CPU', reason: null },
    nets: Array.from({ length: models }, (_, m) => ({ name: `n${m}`, label: `n${m}` })),
    axes: null,
    reduced: [],
    epochs: run.epochs.at(-1)!,
  } as Parameters<typeof batchReduce>[1]);
  run.epochs.forEach((epoch, i) => {
    const checkpoint: Checkpoint = {
      epoch,
      checkpoint: true,
      nets: Array.from({ length: models }, (_, m) => net(m, i)),
      gridX: [],
      elapsedMs: 0,
    };
    state = batchReduce(state, { type: 'checkpoint', id: 1, checkpoint });
  });
  return state;
}

describe('fed from the page’s state', () => {
  it('the Seeds job state gives the same verdict as the Seeds panel (seedBands)', () => {
    for (const run of [tutorial, dropoutHelps]) {
      const state = seedsState(run.seeds);
      const evidence = seedEvidenceOf(state, run.settings, null);
      const last = run.main.epochs.at(-1)!;
      const frame = {
        epoch: last,
        nets: [0, 1].map((m) => ({
          trainMseEval: run.main.trainMseEval[m].at(-1)!,
          testMse: run.main.testMse[m].at(-1)!,
          divergedAt: null,
        })),
      };
      const report = generalisationReport(resultsInputOf(frame, run.settings, null, evidence));
      expect(report.comparison.seeds?.comparison.verdict).toBe(seedBands(state)?.comparison.verdict);
      expect(report.comparison.seeds?.comparison.difference).toBe(seedBands(state)?.comparison.difference);
    }
    expect(seedEvidenceOf(IDLE_BATCH, tutorial.settings, null)).toBeNull();
  });

  it('the table renders both nets, the caption and the verdict', () => {
    const html = renderTable(inputOf(dropoutHelps, 1000, seedEvidence(dropoutHelps.settings, dropoutHelps.seeds, k)));
    expect(html).toContain('<caption>');
    expect(html).toContain('data-verdict="lower"');
    expect(html).toContain('Generalisation at epoch 1000');
    expect(html).toMatch(/<th scope="row">Plain net<\/th><td>3\.77e-6<\/td><td>0\.435<\/td><td>\+0\.435<\/td><td>over 1,000×<\/td>/);
    const diverged = renderTable(inputOf(diverging, 51));
    expect(diverged).toContain('data-kind="diverged"');
    expect(diverged).toMatch(/<td colspan="2">diverged at epoch 5<\/td>/i);
    const zhHtml = renderTable(inputOf(dropoutHelps, 1000, seedEvidence(dropoutHelps.settings, dropoutHelps.seeds, k)), 'zh-CN');
    expect(zhHtml).toContain('第 1000 轮的泛化情况');
    expect(zhHtml).toMatch(/<th scope="row">普通网络<\/th><td>3\.77e-6<\/td><td>0\.435<\/td><td>\+0\.435<\/td><td>超过 1,000×<\/td>/);
  });
});
