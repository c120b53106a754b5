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
import { jobStarter, type BatchHandle } from './batch-client';
import { BatchJobStatus, batchPanelAttributes } from './BatchJobStatus';
import { LabelledSelect } from './LabelledSelect';
import { RunStopButton } from './RunStopButton';
import { activeJob, type SeedBands } from './batch-state';
import { formatLoss } from './chart-data';
import type { Translate } from './i18n/i18n';
import { useLocale } from './i18n/useLocale';
import './batch-panels.css';

const SEED_VARIATIONS: readonly SeedVariation[] = ['init-and-masks', 'masks'];

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
  const { state, start } = handle;
  const [k, setK] = useState(16);
  const [vary, setVary] = useState<SeedVariation>('init-and-masks');
  const last = bands ? bands.epochs.length - 1 : -1;
  // while a job runs, the text describes the job that runs (it may be a reduced one)
  const runningJob = activeJob(state);
  const shown = runningJob?.kind === 'seeds' ? { k: runningJob.k, vary: runningJob.vary ?? 'init-and-masks' } : { k, vary };
  const summaryRows = bands
    ? ([
        ['overfitting', bands.plainTest],
        ['dropout', bands.regularizedTest],
      ] as const)
    : [];
  const runAs = jobStarter(start, settings, preference, data);
  const runJob = (): void => runAs({ kind: 'seeds', k, vary }, null, ASK_ABOVE_SECONDS);
  return (
    <div {...batchPanelAttributes('seeds', state)}>
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
        <LabelledSelect<SeedVariation>
          label={t('seeds.vary')}
          name={t('seeds.varyName')}
          value={vary}
          style={{ width: '15em' }}
          options={SEED_VARIATIONS}
          text={(v) => t(`seeds.varies.${v}`)}
          onChange={setVary}
        />
        <RunStopButton panel="seeds" handle={handle} disabled={!data} onRun={runJob} />
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
        onRun={(job, note) => runAs(job, note, null)}
        onRunLargest={(job, note) => runAs(job, note, ASK_ABOVE_SECONDS)}
      />
      {bands && last >= 0 ? (
        <>
          <ul className="test-losses" data-testid="seeds-summary">
            {summaryRows.map(([net, test]) => (
              <li key={net}>
                {t('seeds.summary', { net: t(`net.${net}`), mean: formatLoss(test.mean[last]), std: formatLoss(test.std[last]) })}
              </li>
            ))}
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
