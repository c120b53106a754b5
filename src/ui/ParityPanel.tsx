// Parity in the app: replay a golden file's PyTorch cases (picked by the user) on the current
// backend, as `npm run verify` does, and show the deviations against the tolerances. The file goes
// through the same checks as verify's (size, then the golden-file schema) before the worker sees it;
// at most MAX_LISTED cases are listed in the table, then "… and N more".

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { goldenSizeProblem, parseGoldenFile } from '../analysis/golden-file';
import { MAX_LISTED, moreLine } from '../analysis/limited-list';
import { formatReport, type CaseReport } from '../experiment/golden';
import type { BatchToPage, PageToBatch } from '../worker/batch-protocol';
import { startBatchWorker, type BatchWorker } from './batch-client';
import type { BackendInfo, BackendPreference } from '../worker/protocol';
import './ParityPanel.css';

interface ParityState {
  readonly phase: 'idle' | 'running' | 'done' | 'error';
  readonly file: string | null;
  readonly backend: BackendInfo | null;
  readonly cases: readonly string[];
  readonly reports: readonly { report: CaseReport; ms: number }[];
  readonly error: string | null;
  /** the raw error behind `error`, shown on demand */
  readonly errorDetails: string | null;
  /** why the replay restarted on the CPU, when it did */
  readonly notice: string | null;
  /** Stop ended the replay before its last case */
  readonly stopped: boolean;
}

/** The golden file the build ships (scripts/vite-bundled-golden.ts), beside index.html. */
const BUNDLED_GOLDEN_FILE = 'golden_small.json';
const BUNDLED_GOLDEN_URL = `./${BUNDLED_GOLDEN_FILE}`;

export const PARITY_STRINGS = {
  intro: (backend: string): string =>
    `Replays PyTorch's own training steps on the ${backend} backend: each case of a golden file starts from its stored initial weights, data and dropout masks, and every loss, gradient and weight is compared with PyTorch's. The page ships golden_small.json (small nets); golden_h300.json (the tutorial's 300-wide nets, 12 MB) is in the PyTorch reference folder.`,
  runBundled: 'Run bundled golden file',
  orPick: 'or pick a golden file:',
  fileName: 'Golden file',
  bundledMissing: (status: number): string => `this build has no bundled golden file (HTTP ${status})`,
} as const;

const IDLE: ParityState = {
  phase: 'idle',
  file: null,
  backend: null,
  cases: [],
  reports: [],
  error: null,
  errorDetails: null,
  notice: null,
  stopped: false,
};

export function ParityPanel({ preference }: { preference: BackendPreference }): ReactNode {
  const [state, setState] = useState<ParityState>(IDLE);
  const workerRef = useRef<BatchWorker | null>(null);
  const idRef = useRef(0);
  useEffect(() => () => workerRef.current?.close(), []);

  const onMessage = (m: BatchToPage): void => {
    if (m.id !== idRef.current) return;
    setState((s) => {
      switch (m.type) {
        case 'parity-start':
          return { ...s, backend: m.backend, cases: m.cases, reports: [], notice: m.notice };
        case 'parity-case':
          return { ...s, reports: [...s.reports, { report: m.report, ms: m.ms }] };
        case 'done':
          return { ...s, phase: 'done' };
        case 'error':
          return { ...s, phase: 'error', error: m.message, errorDetails: m.details };
        default:
          return s;
      }
    });
  };
  const worker = (): Worker => {
    workerRef.current ??= startBatchWorker('parity', onMessage, (message) =>
      setState((s) => ({
        ...s,
        phase: 'error',
        error: 'The replay worker stopped unexpectedly. Run the replay again.',
        errorDetails: message || null,
      })),
    );
    return workerRef.current.worker;
  };

  /** Checks a golden file (its size first: one over the limit is never read) and replays it. */
  const run = async (name: string, size: number, read: () => Promise<string>): Promise<void> => {
    const id = ++idRef.current;
    setState({ ...IDLE, phase: 'running', file: name });
    const tooBig = goldenSizeProblem(size);
    let parsed: ReturnType<typeof parseGoldenFile>;
    try {
      parsed = tooBig ? { ok: false as const, error: tooBig } : parseGoldenFile(await read());
    } catch (e) {
      parsed = { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
    if (id !== idRef.current) return;
    if (!parsed.ok) {
      setState({ ...IDLE, phase: 'error', file: name, error: parsed.error });
      return;
    }
    const msg: PageToBatch = { type: 'parity', id, preference, golden: parsed.golden };
    worker().postMessage(msg);
  };

  /** Stop: the replay ends at its next slice; the page shows the cases replayed so far at once. */
  const stop = (): void => {
    idRef.current++;
    const msg: PageToBatch = { type: 'stop' };
    workerRef.current?.worker.postMessage(msg);
    setState((s) => (s.phase === 'running' ? { ...s, phase: 'done', stopped: true } : s));
  };

  /** The golden file shipped with the page (dist/golden_small.json). */
  const runBundled = (): Promise<void> =>
    run(BUNDLED_GOLDEN_FILE, 0, async () => {
      const response = await fetch(BUNDLED_GOLDEN_URL);
      if (!response.ok) throw new Error(PARITY_STRINGS.bundledMissing(response.status));
      const tooBig = goldenSizeProblem(Number(response.headers.get('content-length') ?? 0));
      if (tooBig) throw new Error(tooBig);
      return response.text();
    });

  const failed = state.reports.filter((r) => !r.report.ok).length;
  return (
    <div className="parity" data-testid="parity" data-phase={state.phase}>
      <p className="muted small">{PARITY_STRINGS.intro(preference === 'cpu' ? 'CPU' : 'current')}</p>
      <div className="parity-sources">
        <button type="button" className="primary" disabled={state.phase === 'running'} onClick={() => void runBundled()}>
          {PARITY_STRINGS.runBundled}
        </button>
        <label className="small">
          {PARITY_STRINGS.orPick}{' '}
          <input
            type="file"
            accept=".json,application/json"
            aria-label={PARITY_STRINGS.fileName}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void run(f.name, f.size, () => f.text());
            }}
          />
        </label>
        {state.phase === 'running' ? (
          <button type="button" onClick={stop}>
            Stop replay
          </button>
        ) : null}
      </div>
      {state.notice ? (
        <div className="notice warning" role="status" data-testid="parity-notice">
          {state.notice}
        </div>
      ) : null}
      {state.error ? (
        <div className="notice error" role="alert">
          Parity check failed{state.file ? ` (${state.file})` : ''}: {state.error}
          {state.errorDetails ? (
            <details>
              <summary>Details</summary>
              <code>{state.errorDetails}</code>
            </details>
          ) : null}
        </div>
      ) : null}
      {state.phase !== 'idle' && !state.error ? (
        <p className="small" data-testid="parity-status">
          {state.file} · {state.reports.length} / {state.cases.length || '…'} cases
          {state.backend ? ` · ${state.backend.description}` : ''}
          {state.phase === 'done' && state.stopped
            ? ` · stopped${failed > 0 ? `, ${failed} outside tolerance` : ''}`
            : state.phase === 'done'
              ? failed === 0
                ? ' · all within tolerance'
                : ` · ${failed} case${failed > 1 ? 's' : ''} outside tolerance`
              : ' · running…'}
        </p>
      ) : null}
      {state.reports.length > 0 ? (
        <>
          <table className="parity-table" data-testid="parity-table">
            <thead>
              <tr>
                <th>case</th>
                <th>result</th>
                <th>worst deviation / tolerance</th>
                <th>ms</th>
              </tr>
            </thead>
            <tbody>
              {state.reports.slice(0, MAX_LISTED).map(({ report, ms }) => {
                const worst = report.deviations.reduce(
                  (w, d) => (d.value / d.tolerance > w.value / w.tolerance ? d : w),
                  report.deviations[0],
                );
                return (
                  <tr key={report.caseId} data-ok={report.ok}>
                    <td title={report.description}>{report.caseId}</td>
                    <td className={report.ok ? 'ok' : 'fail'}>{report.ok ? 'ok' : 'FAIL'}</td>
                    <td>
                      {worst
                        ? `${worst.quantity}: ${worst.value.toExponential(2)} ${worst.kind} (tol ${worst.tolerance.toExponential(0)}) at ${worst.where}`
                        : '—'}
                    </td>
                    <td>{Math.round(ms)}</td>
                  </tr>
                );
              })}
              {state.reports.length > MAX_LISTED ? (
                <tr>
                  <td colSpan={4}>{moreLine(state.reports.length - MAX_LISTED)} (in the full report below)</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <details>
            <summary className="small">Full report</summary>
            <pre className="parity-report" data-testid="parity-report">
              {formatReport(state.reports.map((r) => r.report))}
            </pre>
          </details>
        </>
      ) : null}
    </div>
  );
}
