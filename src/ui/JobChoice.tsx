// The choices a batch job offers before it runs: for a long one, "8×8 grid (64 models), 500 epochs:
// about 95 s on this machine (CPU ×2 workers): run it, or run a reduced 4×4 grid", with one button
// each; for one that does not fit the backend's memory, why and what to reduce, with a button for
// the largest that fits. And a failed job's plain message, with the raw error on demand.

import type { ReactNode } from 'react';
import { shortBackendName } from '../experiment/backend-choice';
import type { BatchJob } from '../worker/batch-protocol';
import { describeJob, estimateText, reducedChoice, reducedNote } from '../worker/job-estimate';
import type { BatchState } from './batch-state';

/** What a choice starts: the job, and the note it runs with. */
export type RunChoice = (job: BatchJob, note: string | null) => void;

export function JobChoice({ state, testId, onRun }: { state: BatchState; testId: string; onRun: RunChoice }): ReactNode {
  if (state.phase !== 'confirm' || !state.estimate) return null;
  const { estimate, notice } = state.estimate;
  const backend = state.backend ? shortBackendName(state.backend.description) : 'this backend';
  const reduced = estimate.reduced;
  const reducedLabel = reduced ? reducedChoice(reduced) : '';
  return (
    <div className="notice info" role="status" data-testid={testId}>
      {notice ? <p>{notice}</p> : null}
      <p data-testid={`${testId}-text`}>{estimateText(estimate, backend)}</p>
      <p className="job-choice">
        <button type="button" className="primary" onClick={() => onRun(estimate.job, null)}>
          Run it
        </button>{' '}
        {reduced ? (
          <button type="button" onClick={() => onRun(reduced, reducedNote(estimate, reduced))}>
            {reducedLabel.charAt(0).toUpperCase() + reducedLabel.slice(1)}
          </button>
        ) : null}
      </p>
    </div>
  );
}

/** A job too big for the backend's memory: the plain answer, and the largest job that fits as a button. */
export function ResourceRefusal({ state, testId, onRun }: { state: BatchState; testId: string; onRun: RunChoice }): ReactNode {
  if (state.phase !== 'too-big' || !state.refusal) return null;
  const { message, largest } = state.refusal;
  return (
    <div className="notice warning" role="status" data-testid={testId}>
      <p data-testid={`${testId}-text`}>{message}</p>
      {largest ? (
        <p className="job-choice">
          <button
            type="button"
            className="primary"
            onClick={() => onRun(largest, `Reduced to the ${describeJob(largest)}, the largest that fits.`)}
          >
            Run the largest that fits: {describeJob(largest)}
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** A failed job: its plain sentence, and the raw error under "Details". */
export function JobError({ state, what }: { state: BatchState; what: string }): ReactNode {
  if (!state.error) return null;
  return (
    <div className="notice error" role="alert">
      {what} failed: {state.error}
      {state.errorDetails ? (
        <details>
          <summary>Details</summary>
          <code>{state.errorDetails}</code>
        </details>
      ) : null}
    </div>
  );
}
