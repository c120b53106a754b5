// Seed bands: K seeds of each tutorial net (own initial weights and dropout masks, same data) as ONE
// batched experiment; mean ± std bands on the loss chart and around the prediction curves, and
// whether the regularized net's test loss is lower beyond the seed-to-seed spread.

import { useState, type ReactNode } from 'react';
import type { Comparison } from '../analysis/bands';
import type { SeedVariation } from '../experiment/grid';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import { ASK_ABOVE_SECONDS } from '../worker/job-estimate';
import type { BackendPreference } from '../worker/protocol';
import type { BatchHandle } from './batch-client';
import { BatchJobStatus } from './BatchJobStatus';
import { activeJob, type SeedBands } from './batch-state';
import { formatLoss } from './chart-data';
import type { Translate } from './i18n/i18n';
import { useLocale } from './i18n/useLocale';
import './batch-panels.css';

/** The verdict's sentence: whether the regularized net's test loss is lower beyond the seed-to-seed spread, with both bands. */
function comparisonText(t: Translate, c: Comparison): string {
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '—');
  const bands = t('seeds.bands', {
    reg: f(c.regularized.mean),
    regStd: f(c.regularized.std),
    regN: c.regularized.n,
    plain: f(c.plain.mean),
    plainStd: f(c.plain.std),
    plainN: c.plain.n,
  });
  return t(`seeds.comparison.${c.verdict}`, { bands });
}

export function SeedsPanel({
  handle,
  bands,
  settings,
  preference,
  data,
  show,
  onShow,
}: {
  handle: BatchHandle;
  bands: SeedBands | null;
  settings: Settings;
  preference: BackendPreference;
  data: Dataset | null;
  show: boolean;
  onShow: (show: boolean) => void;
}): ReactNode {
  const { t } = useLocale();
  const { state, start, stop } = handle;
  const [k, setK] = useState(16);
  const [vary, setVary] = useState<SeedVariation>('init-and-masks');
  const running = state.phase === 'starting' || state.phase === 'running';
  const last = bands ? bands.epochs.length - 1 : -1;
  // while a job runs, the text describes the job that runs (it may be a reduced one)
  const runningJob = activeJob(state);
  const shown = runningJob?.kind === 'seeds' ? { k: runningJob.k, vary: runningJob.vary ?? 'init-and-masks' } : { k, vary };
  return (
    <div className="seeds" data-testid="seeds" data-phase={state.phase}>
      <div className="sweep-controls">
        <label>
          {t('seeds.k')}
          <input
            type="number"
            min={2}
            max={64}
            value={k}
            aria-label={t('seeds.kName')}
            onChange={(e) => setK(Math.max(2, Math.min(64, Math.round(Number(e.currentTarget.value) || 2))))}
          />
        </label>
        <label>
          {t('seeds.vary')}
          <select
            value={vary}
            aria-label={t('seeds.varyName')}
            style={{ width: '15em' }}
            onChange={(e) => setVary(e.currentTarget.value === 'masks' ? 'masks' : 'init-and-masks')}
          >
            <option value="init-and-masks">{t('seeds.varies.init-and-masks')}</option>
            <option value="masks">{t('seeds.varies.masks')}</option>
          </select>
        </label>
        {running ? (
          <button type="button" onClick={stop}>
            {t('seeds.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!data}
            onClick={() =>
              start({ kind: 'seeds', k, vary }, settings, preference, data, { askAboveSeconds: ASK_ABOVE_SECONDS, note: null })
            }
          >
            {t('seeds.run')}
          </button>
        )}
        <label className="inline-check">
          <span>
            <input type="checkbox" checked={show} onChange={(e) => onShow(e.currentTarget.checked)} /> {t('seeds.show')}
          </span>
        </label>
      </div>
      <p className="muted small" data-testid="seeds-description">
        {t('seeds.describe', {
          models: 2 * shown.k,
          k: shown.k,
          first: settings.seed,
          last: settings.seed + shown.k - 1,
          what: shown.vary === 'masks' ? t('seeds.masksOnly', { seed: settings.seed }) : t('seeds.both'),
          epochs: settings.epochs,
        })}
      </p>
      <BatchJobStatus
        name="seeds"
        state={state}
        onRun={(job, note) => start(job, settings, preference, data, { askAboveSeconds: null, note })}
      />
      {bands && last >= 0 ? (
        <>
          <ul className="test-losses" data-testid="seeds-summary">
            <li>
              {t('seeds.summary', {
                net: t('net.overfitting'),
                mean: formatLoss(bands.plainTest.mean[last]),
                std: formatLoss(bands.plainTest.std[last]),
              })}
            </li>
            <li>
              {t('seeds.summary', {
                net: t('net.dropout'),
                mean: formatLoss(bands.regularizedTest.mean[last]),
                std: formatLoss(bands.regularizedTest.std[last]),
              })}
            </li>
            <li className="muted">{t('seeds.at', { epoch: bands.epochs[last], k: bands.k })}</li>
          </ul>
          <p className="small" data-testid="seeds-verdict" data-verdict={bands.comparison.verdict}>
            <strong>{t(`seeds.verdict.${bands.comparison.verdict}`)}</strong>
            {' — '}
            {comparisonText(t, bands.comparison)}
          </p>
        </>
      ) : null}
    </div>
  );
}
