// A batch panel's one button: Run (primary) while nothing runs, Stop while its job runs
// ("Run sweep" / "Stop sweep", `<panel>.run` / `<panel>.stop` in the catalogs).

import type { ReactNode } from 'react';
import type { BatchHandle } from './batch-client';
import type { BatchPanelName } from './BatchJobStatus';
import { useLocale } from './i18n/useLocale';

/** `disabled`: Run cannot start (e.g. no data yet); `onRun` starts the panel's job through `handle`. */
export function RunStopButton({
  panel,
  handle,
  disabled,
  onRun,
}: {
  panel: BatchPanelName;
  handle: BatchHandle;
  disabled: boolean;
  onRun: () => void;
}): ReactNode {
  const { t } = useLocale();
  const running = handle.state.phase === 'starting' || handle.state.phase === 'running';
  return running ? (
    <button type="button" onClick={handle.stop}>
      {t(`${panel}.stop`)}
    </button>
  ) : (
    <button type="button" className="primary" disabled={disabled} onClick={onRun}>
      {t(`${panel}.run`)}
    </button>
  );
}
