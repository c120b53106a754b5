// The results table: train MSE, test MSE, the generalisation gap (test − train) and the ratio
// (test / train) of both nets at the displayed epoch, with a caption in plain words computed from
// those numbers (and from seed bands of the same setting, when there are some). Plain props: the
// page builds the ResultsInput from the run store's frame and the Seeds job (src/ui/results-input.ts).

import { useMemo, type ReactNode } from 'react';
import { generalisationReport, type NetGap, type ResultsInput } from '../analysis/generalisation';
import { RESULTS_TEXT, captionSentences, formatGap, formatMse, formatRatio, type NetRole } from './results-text';

function Row({ role, gap }: { role: NetRole; gap: NetGap }): ReactNode {
  const diverged = gap.kind === 'diverged';
  return (
    <tr data-net={role} data-kind={gap.kind}>
      <th scope="row">{RESULTS_TEXT.netLabel[role]}</th>
      <td>{formatMse(gap.trainMse)}</td>
      <td>{formatMse(gap.testMse)}</td>
      {diverged ? (
        <td colSpan={2}>{RESULTS_TEXT.diverged(gap.divergedAt)}</td>
      ) : (
        <>
          <td>{formatGap(gap.gap)}</td>
          <td>{formatRatio(gap.ratio)}</td>
        </>
      )}
    </tr>
  );
}

export function ResultsTable({ input }: { input: ResultsInput }): ReactNode {
  const report = useMemo(() => generalisationReport(input), [input]);
  const sentences = captionSentences(report);
  const c = RESULTS_TEXT.columns;
  const seeds = report.comparison.seeds;
  return (
    <table
      className="results-table"
      data-testid="results-table"
      data-evidence={report.comparison.evidence}
      data-verdict={seeds?.comparison.verdict ?? 'one-run'}
    >
      <caption>
        <span className="results-title">{RESULTS_TEXT.title(report.epoch)}</span>{' '}
        {sentences.map((s, i) => (
          <span key={i} className="results-sentence" data-testid="results-sentence">
            {s}{' '}
          </span>
        ))}
      </caption>
      <thead>
        <tr>
          <th scope="col">{c.net}</th>
          <th scope="col">{c.train}</th>
          <th scope="col">{c.test}</th>
          <th scope="col">{c.gap}</th>
          <th scope="col">{c.ratio}</th>
        </tr>
      </thead>
      <tbody>
        <Row role="plain" gap={report.plain} />
        <Row role="regularized" gap={report.regularized} />
      </tbody>
    </table>
  );
}
