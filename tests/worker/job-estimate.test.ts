// The sweep time estimate (from the measured ms per epoch of the job's shape) and the choice it
// offers: "about 95 s on this machine: run it, or run a reduced 4×4 grid".
import { describe, expect, it } from 'vitest';
import {
  ASK_ABOVE_SECONDS,
  describeJob,
  estimateJob,
  estimateSeconds,
  estimateText,
  formatDuration,
  jobModels,
  reducedJob,
  reducedNote,
  shouldAsk,
} from '../../src/worker/job-estimate';
import { createI18n, translateMessage } from '../../src/ui/i18n/i18n';
import { englishText } from '../../src/ui/i18n/english';
import type { Message } from '../../src/analysis/message';

const en = (m: Message): string => englishText(m);
const zh = createI18n('zh-CN', { react: false });
const inChinese = (m: Message): string => translateMessage((k, p) => zh.t(k, { ...p }), m);

describe('job estimate', () => {
  it('is the measured time per epoch times the epochs', () => {
    expect(estimateSeconds(190, 500)).toBe(95);
    expect(estimateSeconds(0.5, 2000)).toBe(1);
    expect(estimateSeconds(NaN, 500)).toBe(Infinity);
    expect(estimateSeconds(-1, 500)).toBe(Infinity);
    expect(estimateSeconds(Infinity, 500)).toBe(Infinity);
  });
  it('counts the models a job trains', () => {
    expect(jobModels({ kind: 'grid', rows: 8, cols: 8 })).toBe(64);
    expect(jobModels({ kind: 'grid', rows: 5, cols: 3 })).toBe(15);
    expect(jobModels({ kind: 'seeds', k: 16 })).toBe(32);
    expect(en(describeJob({ kind: 'grid', rows: 8, cols: 8 }))).toBe('8×8 grid (64 models)');
    expect(en(describeJob({ kind: 'seeds', k: 16, vary: 'masks' }))).toBe('16 seeds per net (32 models)');
  });
  it('offers a job of at most 4×4 cells or 6 seeds, and none when the job is that small', () => {
    expect(reducedJob({ kind: 'grid', rows: 8, cols: 8 })).toEqual({ kind: 'grid', rows: 4, cols: 4 });
    expect(reducedJob({ kind: 'grid', rows: 8, cols: 3 })).toEqual({ kind: 'grid', rows: 4, cols: 3 });
    expect(reducedJob({ kind: 'grid', rows: 4, cols: 4 })).toBeNull();
    expect(reducedJob({ kind: 'seeds', k: 16, vary: 'masks' })).toEqual({ kind: 'seeds', k: 6, vary: 'masks' });
    expect(reducedJob({ kind: 'seeds', k: 6 })).toBeNull();
  });
  it('asks only when the job is long and a smaller one exists', () => {
    expect(ASK_ABOVE_SECONDS).toBeGreaterThan(0);
    expect(shouldAsk(estimateJob({ kind: 'grid', rows: 8, cols: 8 }, 190, 500))).toBe(true);
    expect(shouldAsk(estimateJob({ kind: 'grid', rows: 8, cols: 8 }, 10, 500))).toBe(false);
    expect(shouldAsk(estimateJob({ kind: 'grid', rows: 4, cols: 4 }, 1000, 500))).toBe(false);
    expect(shouldAsk(estimateJob({ kind: 'grid', rows: 8, cols: 8 }, 30, 500), 10)).toBe(true);
  });
  it('says how long, in words', () => {
    expect(en(formatDuration(0.4))).toBe('under a second');
    expect(en(formatDuration(95.3))).toBe('about 95 s');
    expect(en(formatDuration(250))).toBe('about 4 min');
    expect(en(formatDuration(3 * 3600))).toBe('about 3.0 h');
    expect(en(formatDuration(Infinity))).toBe('an unknown time');
  });
  it('states the choice and, once made, what runs', () => {
    const e = estimateJob({ kind: 'grid', rows: 8, cols: 8 }, 190, 500);
    expect(en(estimateText(e, 'CPU ×2 workers'))).toBe(
      '8×8 grid (64 models), 500 epochs: about 95 s on this machine (CPU ×2 workers): run it, or run a reduced 4×4 grid.',
    );
    const seeds = estimateJob({ kind: 'seeds', k: 20 }, 120, 500);
    expect(en(estimateText(seeds, 'WebGPU · swiftshader'))).toBe(
      '20 seeds per net (40 models), 500 epochs: about 60 s on this machine (WebGPU · swiftshader): run it, or run 6 seeds per net.',
    );
    expect(en(reducedNote(e, { kind: 'grid', rows: 4, cols: 4 }))).toBe(
      'Reduced to the 4×4 grid (16 models) as chosen; the 8×8 grid (64 models) was estimated at about 95 s.',
    );
  });
  it('says the same in 简体中文, numbers through Intl', () => {
    const e = estimateJob({ kind: 'grid', rows: 8, cols: 8 }, 190, 500);
    expect(inChinese(estimateText(e, 'CPU ×2 workers'))).toBe(
      '8×8 网格（64 个模型），500 轮：在本机（CPU ×2 workers）上约 95 秒：照常运行，或运行缩小的 4×4 网格。',
    );
    expect(inChinese(formatDuration(3 * 3600))).toBe('约 3.0 小时');
    expect(inChinese(reducedNote(e, { kind: 'grid', rows: 4, cols: 4 }))).toBe(
      '已按选择缩小为 4×4 网格（16 个模型）；原来的 8×8 网格（64 个模型）估计需要约 95 秒。',
    );
  });
});
