// A batch job's two notices, the same in every batch panel (sweep, seeds, parity): the warning of
// a job run differently than asked (smaller by choice, or on the CPU after a lost device) and the
// error it failed with (its raw cause under "Details").

import type { ReactNode } from 'react';
import { RawDetails } from './RawDetails';

export function BatchNotices({
  warning,
  warningTestId,
  error,
  details = null,
}: {
  warning: string | null;
  warningTestId: string;
  error: string | null;
  /** the raw error behind `error`, shown on demand */
  details?: string | null;
}): ReactNode {
  return (
    <>
      {warning ? (
        <div className="notice warning" role="status" data-testid={warningTestId}>
          {warning}
        </div>
      ) : null}
      {error ? (
        <div className="notice error" role="alert">
          {error}
          <RawDetails details={details} />
        </div>
      ) : null}
    </>
  );
}
