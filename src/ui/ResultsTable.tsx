// The results table (its words from the catalogs, `results.*`): train MSE, test MSE, the generalisation gap (test − train) and the ratio
// (test / train) of both nets at the displayed epoch, with a caption in plain words computed from
// those numbers (and from seed bands of the same setting, when there are some). Plain props: the
// page builds the ResultsInput from the run store's frame and the Seeds job (src/ui/results-input.ts).

import { memo, useMemo, type ReactNode } from 'react';
import { generalisationReport, type NetGap, type ResultsInput } from '../analysis/generalisation';
import { isMessage } from '../analysis/message';
import { useLocale } from './i18n/useLocale';
import { captionSentences, divergedCell, formatGap, formatMse, formatRatio, resultsTitle, type NetRole } from './results-text';

function Row({ role, gap }: { role: NetRole; gap: NetGap }): ReactNode {
  const { t, tm } = useLocale();
  const ratio = formatRatio(gap.ratio);
  const diverged = gap.kind === 'diverged';
  return (
    <tr data-net={role} data-kind={gap.kind}>
      <th scope="row">{t(`results.netLabel.${role}`)}</th>
      <td>{formatMse(gap.trainMse)}</td>
      <td>{formatMse(gap.testMse)}</td>
      {diverged ? (
        <td colSpan={2}>{tm(divergedCell(gap.divergedAt))}</td>
      ) : (
        <>
          <td>{formatGap(gap.gap)}</td>
          <td>{isMessage(ratio) ? tm(ratio) : ratio}</td>
        </>
      )}
    </tr>
  );
}

function ResultsTableView({ input }: { input: ResultsInput }): ReactNode {
  const { t, tm } = useLocale();
  const report = useMemo(() => generalisationReport(input), [input]);
  const sentences = captionSentences(report).map(tm);
  const seeds = report.comparison.seeds;
  return (
    <table
      className="results-table"
      data-testid="results-table"
      data-evidence={report.comparison.evidence}
      data-verdict={seeds?.comparison.verdict ?? 'one-run'}
    >
      <caption>
        <span className="results-title">{tm(resultsTitle(report.epoch))}</span>{' '}
        {sentences.map((s, i) => (
          <span key={i} className="results-sentence" data-testid="results-sentence">
            {s}{' '}
          </span>
        ))}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('results.columns.net')}</th>
          <th scope="col">{t('results.columns.train')}</th>
          <th scope="col">{t('results.columns.test')}</th>
          <th scope="col">{t('results.columns.gap')}</th>
          <th scope="col">{t('results.columns.ratio')}</th>
        </tr>
      </thead>
      <tbody>
        <Row role="plain" gap={report.plain} />
        <Row role="regularized" gap={report.regularized} />
      </tbody>
    </table>
  );
}

/** (memo: a parent re-rendered with the same props, e.g. by a deferred render's first pass, leaves it alone) */
export const ResultsTable = memo(ResultsTableView);
