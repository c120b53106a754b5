// Seed bands: K seeds of each tutorial net (own initial weights and dropout masks, same data) as ONE
// batched experiment; mean ± std bands on the loss chart and around the prediction curves, and
// whether the regularized net's test loss is lower beyond the seed-to-seed spread.

import { useState, type ReactNode } from 'react';
import type { SeedVariation } from '../experiment/grid';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import type { BackendPreference } from '../worker/protocol';
import type { BatchHandle } from './batch-client';
import { activeJob, type SeedBands } from './batch-state';
import { formatLoss } from './chart-data';
import { JobChoice, JobError, ResourceRefusal } from './JobChoice';
import { ASK_ABOVE_SECONDS, describeJob } from '../worker/job-estimate';
import './batch-panels.css';

export const SEEDS_STRINGS = {
  describe: (k: number, seed: number, what: string, epochs: number): string =>
    `${2 * k} models: K = ${k} copies of each net with seeds ${seed}…${seed + k - 1} (${what}), same data, ${epochs} epochs, one batched experiment.`,
  masksOnly: (seed: number): string => `dropout masks only; every copy starts from seed ${seed}'s weights, so the plain net has no spread`,
  both: 'initial weights and dropout masks',
} as const;

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
  const { state, start, stop } = handle;
  const [k, setK] = useState(16);
  const [vary, setVary] = useState<SeedVariation>('init-and-masks');
  const running = state.phase === 'starting' || state.phase === 'running';
  const last = bands ? bands.epochs.length - 1 : -1;
  // while a job runs, the text describes the job that runs (it may be a reduced one)
  const runningJob = activeJob(state);
  const shown = runningJob?.kind === 'seeds' ? { k: runningJob.k, vary: runningJob.vary ?? 'init-and-masks' } : { k, vary };
  return (
    <div
      className="seeds"
      data-testid="seeds"
      data-phase={state.phase}
      data-stop-ms={state.stopEnded?.ms}
      data-stop-terminated={state.stopEnded?.terminated}
    >
      <div className="sweep-controls">
        <label>
          Seeds per net (K)
          <input
            type="number"
            min={2}
            max={64}
            value={k}
            aria-label="Seeds per net"
            onChange={(e) => setK(Math.max(2, Math.min(64, Math.round(Number(e.currentTarget.value) || 2))))}
          />
        </label>
        <label>
          Seeds vary
          <select
            value={vary}
            aria-label="Seeds vary"
            style={{ width: '15em' }}
            onChange={(e) => setVary(e.currentTarget.value === 'masks' ? 'masks' : 'init-and-masks')}
          >
            <option value="init-and-masks">initial weights and masks</option>
            <option value="masks">dropout masks only</option>
          </select>
        </label>
        {running ? (
          <button type="button" onClick={stop}>
            Stop seeds
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
            Run seeds
          </button>
        )}
        <label className="inline-check">
          <span>
            <input type="checkbox" checked={show} onChange={(e) => onShow(e.currentTarget.checked)} /> bands on the charts
          </span>
        </label>
      </div>
      <p className="muted small" data-testid="seeds-description">
        {SEEDS_STRINGS.describe(
          shown.k,
          settings.seed,
          shown.vary === 'masks' ? SEEDS_STRINGS.masksOnly(settings.seed) : SEEDS_STRINGS.both,
          settings.epochs,
        )}
      </p>
      <JobChoice
        state={state}
        testId="seeds-estimate"
        onRun={(job, note) => start(job, settings, preference, data, { askAboveSeconds: null, note })}
      />
      <ResourceRefusal
        state={state}
        testId="seeds-too-big"
        onRun={(job, note) => start(job, settings, preference, data, { askAboveSeconds: ASK_ABOVE_SECONDS, note })}
      />
      {state.reduced ? (
        <div className="notice warning" role="status" data-testid="seeds-reduced">
          {state.reduced}
        </div>
      ) : null}
      <JobError state={state} what="Seeds" />
      {state.phase !== 'idle' ? (
        <p className="small" data-testid="seeds-status">
          {state.phase === 'starting'
            ? 'Starting…'
            : state.phase === 'confirm' || state.phase === 'too-big'
              ? 'Waiting for your choice'
              : `Epoch ${state.epoch} / ${state.epochs}`}
          {state.job && state.phase !== 'starting' && state.phase !== 'confirm' && state.phase !== 'too-big'
            ? ` · ${describeJob(state.job)}`
            : ''}
          {state.backend ? ` · ${state.backend.description}` : ''}
          {state.phase === 'done' && state.stopped ? ' · stopped' : ''}
          {state.phase === 'done' && !state.stopped && state.ms !== null ? ` · done in ${(state.ms / 1000).toFixed(1)} s` : ''}
        </p>
      ) : null}
      {bands && last >= 0 ? (
        <>
          <ul className="test-losses" data-testid="seeds-summary">
            <li>
              Plain net: test MSE {formatLoss(bands.plainTest.mean[last])} ± {formatLoss(bands.plainTest.std[last])}
            </li>
            <li>
              Regularized net: test MSE {formatLoss(bands.regularizedTest.mean[last])} ± {formatLoss(bands.regularizedTest.std[last])}
            </li>
            <li className="muted">
              at epoch {bands.epochs[last]}, K = {bands.k}
            </li>
          </ul>
          <p className="small" data-testid="seeds-verdict" data-verdict={bands.comparison.verdict}>
            <strong>
              {bands.comparison.verdict === 'lower'
                ? 'Yes'
                : bands.comparison.verdict === 'higher'
                  ? 'No (higher)'
                  : bands.comparison.verdict === 'within-spread'
                    ? 'No'
                    : '?'}
            </strong>
            {' — '}
            {bands.comparison.text}
          </p>
        </>
      ) : null}
    </div>
  );
}
