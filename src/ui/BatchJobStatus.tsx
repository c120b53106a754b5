// What a batch panel (sweep or seeds) shows of its job below the controls: the choice a long job
// offers (or, for one too big for the backend, the largest that fits), its notices, and one status line ("Epoch 40 / 40 · 5×5 grid (25 models) · CPU ×2
// workers · done in 3.2 s"). The job named is the one that runs, which may be a reduced one.

import type { ReactNode } from 'react';
import { describeJob } from '../worker/job-estimate';
import { BatchNotices } from './BatchNotices';
import type { BatchState } from './batch-state';
import { useLocale, type Locale } from './i18n/useLocale';
import { JobChoice, ResourceRefusal, type RunChoice } from './JobChoice';

export type BatchPanelName = 'sweep' | 'seeds';

/** The batch panel's root: its class and test id, the job's phase and how its last Stop ended (read by the tests and the latency script). */
export function batchPanelAttributes(name: BatchPanelName, state: BatchState) {
  return {
    className: name,
    'data-testid': name,
    'data-phase': state.phase,
    'data-stop-ms': state.stopEnded?.ms,
    'data-stop-terminated': state.stopEnded?.terminated,
  };
}

/** The status line's text, or null while the panel is idle. */
function statusLine(state: BatchState, { t, tm }: Locale): string | null {
  if (state.phase === 'idle') return null;
  const waiting = state.phase === 'confirm' || state.phase === 'too-big';
  const parts = [
    state.phase === 'starting'
      ? t('batch.starting')
      : waiting
        ? t('batch.waiting')
        : t('batch.epoch', { epoch: state.epoch, epochs: state.epochs }),
  ];
  if (state.job && state.phase !== 'starting' && !waiting) parts.push(tm(describeJob(state.job)));
  if (state.backend) parts.push(state.backend.description);
  if (state.phase === 'done' && state.stopped) parts.push(t('batch.stopped'));
  else if (state.phase === 'done' && state.ms !== null) parts.push(t('batch.doneIn', { s: state.ms / 1000 }));
  return parts.join(' · ');
}

export function BatchJobStatus({
  name,
  state,
  onRun,
  onRunLargest,
}: {
  name: BatchPanelName;
  state: BatchState;
  /** runs a choice offered before a long job */
  onRun: RunChoice;
  /** runs the largest job that fits, offered when the asked one does not */
  onRunLargest: RunChoice;
}): ReactNode {
  const locale = useLocale();
  const { t, tm } = locale;
  const line = statusLine(state, locale);
  return (
    <>
      <JobChoice state={state} testId={`${name}-estimate`} onRun={onRun} />
      <ResourceRefusal state={state} testId={`${name}-too-big`} onRun={onRunLargest} />
      <BatchNotices
        warning={state.reduced.length > 0 ? state.reduced.map(tm).join(' ') : null}
        warningTestId={`${name}-reduced`}
        error={state.error ? t(`batch.failed.${name}`, { error: tm(state.error) }) : null}
        details={state.errorDetails}
      />
      {line !== null ? (
        <p className="small" data-testid={`${name}-status`}>
          {line}
        </p>
      ) : null}
    </>
  );
}
