// The bands drawn around the curves: seed bands (mean ± std over K seeds, from the Seeds job)
// and MC-dropout (fresh dropout samples of the trainer's regularized net whenever it stops). The
// Seeds job's results are also the evidence the results table's verdict needs, with the setting
// and training points it ran on (the batch state does not keep them: they are noted at its start).

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SeedEvidence } from '../../analysis/generalisation';
import type { Settings } from '../../experiment/settings';
import type { Dataset } from '../../experiment/types';
import type { PageToWorker } from '../../worker/protocol';
import { useBatchJob, type BatchHandle } from '../batch-client';
import { seedBandCharts, seedBands, type SeedBands } from '../batch-state';
import { useLocale } from '../i18n/useLocale';
import { mcBand, type BandSeries } from '../chart-data';
import type { McControls, McRequest } from '../FitPanel';
import { seedEvidenceOf, trainingPointsOf } from '../results-input';
import type { RunStore, RunView } from '../run-store';
import { useSelector } from './useSelector';

const selectMc = (v: RunView) => v.mc;

/** MC-dropout samples asked for when the toggle is first switched on. */
const DEFAULT_MC_SAMPLES = 32;

export interface Bands {
  /** the Seeds job */
  readonly seeds: BatchHandle;
  readonly seedBands: SeedBands | null;
  /** the Seeds job's test MSEs with the setting and points it ran on (null: none run, or not a seeds job) */
  readonly seedEvidence: SeedEvidence | null;
  /** seed bands on the charts (a checkbox in the Seeds tab) */
  readonly show: boolean;
  readonly setShow: (on: boolean) => void;
  /** what the fit chart draws around the curves */
  readonly main: readonly BandSeries[];
  /** what the loss chart draws around the curves */
  readonly loss: readonly BandSeries[] | undefined;
  readonly mc: McControls;
}

export function useBands(store: RunStore, send: (message: PageToWorker) => void): Bands {
  const { state, start, stop } = useBatchJob('seeds');
  // what the last job was started with
  const [started, setStarted] = useState<{ settings: Settings; data: Dataset | null } | null>(null);
  const seeds = useMemo(
    (): BatchHandle => ({
      state,
      stop,
      start: (job, settings, preference, data, options) => {
        setStarted({ settings, data });
        start(job, settings, preference, data, options);
      },
    }),
    [state, start, stop],
  );
  const seedEvidence = useMemo(
    () => (started ? seedEvidenceOf(state, started.settings, started.data && trainingPointsOf(started.data)) : null),
    [state, started],
  );
  const [show, setShow] = useState(true);
  const bands = useMemo(() => seedBands(seeds.state), [seeds.state]);
  const { t } = useLocale();
  const charts = useMemo(() => (bands && show ? seedBandCharts(bands, t) : null), [bands, show, t]);

  const mcView = useSelector(store, selectMc);
  const [mcRequest, setMcRequest] = useState<McRequest>({ on: false, samples: DEFAULT_MC_SAMPLES });
  const { on: mcOn, samples: mcSamples } = mcRequest;
  const changeMc = useCallback((change: Partial<McRequest>) => setMcRequest((r) => ({ ...r, ...change })), []);
  // fresh samples of the trainer's nets whenever it stops (and on every toggle): watched in the
  // store itself, so that the trainer starting and stopping re-renders nothing here
  useEffect(() => {
    if (!mcOn) return;
    let last: string | null = null;
    const check = (): void => {
      const v = store.getSnapshot();
      const state = `${v.run} ${v.phase} ${v.worker.running} ${v.worker.finished}`;
      if (state === last) return;
      last = state;
      if (v.phase === 'ready' && !v.worker.running) send({ type: 'mc-dropout', samples: mcSamples });
    };
    check();
    return store.subscribe(check);
  }, [mcOn, mcSamples, store, send]);
  // switched off: the samples still being computed are not wanted any more
  const mcWasOn = useRef(false);
  useEffect(() => {
    if (mcWasOn.current && !mcOn) send({ type: 'mc-dropout', samples: 0 });
    mcWasOn.current = mcOn;
  }, [mcOn, send]);

  const main = useMemo(() => {
    const out = [...(charts?.main ?? [])];
    if (mcOn && mcView) out.push(mcBand(mcView.gridX, mcView.predictions, 1));
    return out;
  }, [charts, mcOn, mcView]);
  const mc = useMemo((): McControls => ({ ...mcRequest, change: changeMc, view: mcView }), [mcRequest, changeMc, mcView]);
  return { seeds, seedBands: bands, seedEvidence, show, setShow, main, loss: charts?.loss, mc };
}
