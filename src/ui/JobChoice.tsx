// The choices a batch job offers before it runs: for a long one, "8×8 grid (64 models), 500 epochs:
// about 95 s on this machine (CPU ×2 workers): run it, or run a reduced 4×4 grid", with one button
// each; for one that does not fit the backend's memory, why and what to reduce, with a button for
// the largest that fits. And a failed job's plain message, with the raw error on demand.

import type { ReactNode } from 'react';
import { msg, type Message } from '../analysis/message';
import { shortBackendName } from '../experiment/backend-choice';
import type { BatchJob } from '../worker/batch-protocol';
import { describeJob, estimateText, reducedButton, reducedNote } from '../worker/job-estimate';
import type { BatchState } from './batch-state';
import { useLocale } from './i18n/useLocale';

/** What a choice starts: the job, and the note it runs with. */
export type RunChoice = (job: BatchJob, note: Message | null) => void;

export function JobChoice({ state, testId, onRun }: { state: BatchState; testId: string; onRun: RunChoice }): ReactNode {
  const { t, tm } = useLocale();
  if (state.phase !== 'confirm' || !state.estimate) return null;
  const { estimate, notice } = state.estimate;
  const backend = state.backend ? shortBackendName(state.backend.description) : t('job.thisBackend');
  const reduced = estimate.reduced;
  return (
    <div className="notice info" role="status" data-testid={testId}>
      {notice ? <p>{tm(notice)}</p> : null}
      <p data-testid={`${testId}-text`}>{tm(estimateText(estimate, backend))}</p>
      <p className="job-choice">
        <button type="button" className="primary" onClick={() => onRun(estimate.job, null)}>
          {t('job.runIt')}
        </button>{' '}
        {reduced ? (
          <button type="button" onClick={() => onRun(reduced, reducedNote(estimate, reduced))}>
            {tm(reducedButton(reduced))}
          </button>
        ) : null}
      </p>
    </div>
  );
}

/** A job too big for the backend's memory: the plain answer, and the largest job that fits as a button. */
export function ResourceRefusal({ state, testId, onRun }: { state: BatchState; testId: string; onRun: RunChoice }): ReactNode {
  const { t, tm } = useLocale();
  if (state.phase !== 'too-big' || !state.refusal) return null;
  const { message, largest } = state.refusal;
  return (
    <div className="notice warning" role="status" data-testid={testId}>
      <p data-testid={`${testId}-text`}>{tm(message)}</p>
      {largest ? (
        <p className="job-choice">
          <button
            type="button"
            className="primary"
            onClick={() => onRun(largest, msg('job.reducedToLargest', { job: describeJob(largest) }))}
          >
            {t('job.runLargest', { job: tm(describeJob(largest)) })}
          </button>
        </p>
      ) : null}
    </div>
  );
}
