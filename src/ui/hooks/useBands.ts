// The bands drawn around the curves: seed bands (mean ± std over K seeds, from the Seeds job)
// and MC-dropout (fresh dropout samples of the trainer's regularized net whenever it stops).

import { useEffect, useMemo, useRef, useState } from 'react';
import type { PageToWorker } from '../../worker/protocol';
import { useBatchJob, type BatchHandle } from '../batch-client';
import { seedBandCharts, seedBands, type SeedBands } from '../batch-state';
import { mcBand, type BandSeries } from '../chart-data';
import type { McControls } from '../FitPanel';
import type { RunStore, RunView } from '../run-store';
import { useSelector } from './useSelector';

const selectPhase = (v: RunView) => v.phase;
const selectRunning = (v: RunView) => v.worker.running;
const selectFinished = (v: RunView) => v.worker.finished;
const selectRun = (v: RunView) => v.run;
const selectMc = (v: RunView) => v.mc;

/** MC-dropout samples asked for when the toggle is first switched on. */
const DEFAULT_MC_SAMPLES = 32;

export interface Bands {
  /** the Seeds job */
  readonly seeds: BatchHandle;
  readonly seedBands: SeedBands | null;
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
  const seeds = useBatchJob('seeds');
  const [show, setShow] = useState(true);
  const bands = useMemo(() => seedBands(seeds.state), [seeds.state]);
  const charts = useMemo(() => (bands && show ? seedBandCharts(bands) : null), [bands, show]);

  const phase = useSelector(store, selectPhase);
  const running = useSelector(store, selectRunning);
  const finished = useSelector(store, selectFinished);
  const runId = useSelector(store, selectRun);
  const mcView = useSelector(store, selectMc);
  const [mcOn, setMcOn] = useState(false);
  const [mcSamples, setMcSamples] = useState(DEFAULT_MC_SAMPLES);
  // fresh samples of the trainer's nets whenever it stops (and on every toggle)
  useEffect(() => {
    if (!mcOn || phase !== 'ready' || running) return;
    send({ type: 'mc-dropout', samples: mcSamples });
  }, [mcOn, mcSamples, runId, phase, running, finished, send]);
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
  const mc = useMemo(
    () => ({ on: mcOn, setOn: setMcOn, samples: mcSamples, setSamples: setMcSamples, view: mcView }),
    [mcOn, mcSamples, mcView],
  );
  return { seeds, seedBands: bands, show, setShow, main, loss: charts?.loss, mc };
}
