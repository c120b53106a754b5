// Parity in the app: replay a golden file's PyTorch cases (picked by the user) on the current
// backend, as `npm run verify` does, and show the deviations against the tolerances. The file goes
// through the same checks as verify's (size, then the golden-file schema) before the worker sees it;
// at most MAX_LISTED cases are listed in the table, then "… and N more".

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { goldenSizeProblem, parseGoldenFile } from '../analysis/golden-file';
import { MAX_LISTED } from '../analysis/limited-list';
import { formatReport, type CaseReport } from '../experiment/golden';
import type { BatchToPage, PageToBatch } from '../worker/batch-protocol';
import { msg, type Message } from '../analysis/message';
import { startBatchWorker, type BatchWorker } from './batch-client';
import { BatchNotices } from './BatchNotices';
import { useLocale } from './i18n/useLocale';
import type { BackendInfo, BackendPreference } from '../worker/protocol';
import './ParityPanel.css';

interface ParityState {
  readonly phase: 'idle' | 'running' | 'done' | 'error';
  readonly file: string | null;
  readonly backend: BackendInfo | null;
  readonly cases: readonly string[];
  readonly reports: readonly { report: CaseReport; ms: number }[];
  readonly error: string | Message | null;
  /** the raw error behind `error`, shown on demand */
  readonly errorDetails: string | null;
  /** why the replay restarted on the CPU, when it did */
  readonly notice: Message | null;
  /** Stop ended the replay before its last case */
  readonly stopped: boolean;
}

/** The golden file the build ships (scripts/vite-bundled-golden.ts), beside index.html. */
const BUNDLED_GOLDEN_FILE = 'golden_small.json';
const BUNDLED_GOLDEN_URL = `./${BUNDLED_GOLDEN_FILE}`;

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
  const { t, tm } = useLocale();
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
      setState((s) => ({ ...s, phase: 'error', error: msg('parity.workerCrashed'), errorDetails: message || null })),
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
      if (!response.ok) throw new Error(t('parity.bundledMissing', { status: response.status }));
      const tooBig = goldenSizeProblem(Number(response.headers.get('content-length') ?? 0));
      if (tooBig) throw new Error(tooBig);
      return response.text();
    });

  const failed = state.reports.filter((r) => !r.report.ok).length;
  return (
    <div className="parity" data-testid="parity" data-phase={state.phase}>
      <p className="muted small">{t(preference === 'cpu' ? 'parity.introCpu' : 'parity.intro')}</p>
      <div className="parity-sources">
        <button type="button" className="primary" disabled={state.phase === 'running'} onClick={() => void runBundled()}>
          {t('parity.runBundled')}
        </button>
        <label className="small">
          {t('parity.orPick')}{' '}
          <input
            type="file"
            accept=".json,application/json"
            aria-label={t('parity.fileName')}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void run(f.name, f.size, () => f.text());
            }}
          />
        </label>
        {state.phase === 'running' ? (
          <button type="button" onClick={stop}>
            {t('parity.stop')}
          </button>
        ) : null}
      </div>
      <BatchNotices
        warning={state.notice ? tm(state.notice) : null}
        warningTestId="parity-notice"
        error={
          state.error
            ? t(state.file ? 'parity.failedFile' : 'parity.failed', {
                file: state.file,
                error: tm(state.error),
              })
            : null
        }
        details={state.errorDetails}
      />
      {state.phase !== 'idle' && !state.error ? (
        <p className="small" data-testid="parity-status">
          {[
            state.file,
            t('parity.cases', { done: state.reports.length, total: state.cases.length || '…' }),
            ...(state.backend ? [state.backend.description] : []),
            state.phase === 'done' && state.stopped
              ? failed > 0
                ? t('parity.stoppedOutside', { count: failed })
                : t('parity.stopped')
              : state.phase !== 'done'
                ? t('parity.running')
                : failed === 0
                  ? t('parity.allWithin')
                  : t('parity.outside', { count: failed }),
          ].join(' · ')}
        </p>
      ) : null}
      {state.reports.length > 0 ? (
        <>
          <table className="parity-table" data-testid="parity-table">
            <thead>
              <tr>
                <th>{t('parity.table.case')}</th>
                <th>{t('parity.table.result')}</th>
                <th>{t('parity.table.worst')}</th>
                <th>{t('parity.table.ms')}</th>
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
                    <td className={report.ok ? 'ok' : 'fail'}>{report.ok ? t('parity.ok') : t('parity.fail')}</td>
                    <td>
                      {worst
                        ? t('parity.worst', {
                            quantity: worst.quantity,
                            value: worst.value.toExponential(2),
                            kind: worst.kind,
                            tol: worst.tolerance.toExponential(0),
                            where: worst.where,
                          })
                        : '—'}
                    </td>
                    <td>{Math.round(ms)}</td>
                  </tr>
                );
              })}
              {state.reports.length > MAX_LISTED ? (
                <tr>
                  <td colSpan={4}>{t('parity.more', { more: t('list.more', { n: state.reports.length - MAX_LISTED }) })}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <details>
            <summary className="small">{t('parity.fullReport')}</summary>
            <pre className="parity-report" data-testid="parity-report">
              {formatReport(state.reports.map((r) => r.report))}
            </pre>
          </details>
        </>
      ) : null}
    </div>
  );
}
