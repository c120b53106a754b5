// The choice a long batch job offers before it runs: "8×8 grid (64 models), 500 epochs: about 95 s
// on this machine (CPU ×2 workers): run it, or run a reduced 4×4 grid", with one button each.

import type { ReactNode } from 'react';
import { shortBackendName } from '../experiment/backend-choice';
import type { BatchJob } from '../worker/batch-protocol';
import { estimateText, reducedChoice, reducedNote } from '../worker/job-estimate';
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
