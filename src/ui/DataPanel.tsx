// Own data: paste CSV (x,y per line) — bad rows are listed with their line number and reason (the
// first 20, then "and N more"), every valid row is used — or edit the training points on the fit
// chart (click adds, drag moves, right-click or Delete removes). Own points replace the training
// points; the test points stay. A paste over MAX_CSV_BYTES is refused by its size at once, before
// it reaches the text box or the parser.

import { useState, type ClipboardEvent, type ReactNode } from 'react';
import { MAX_CSV_BYTES, csvSizeProblem, formatCsvErrors, parseCsvPoints, sizeRefusal, type CsvResult } from '../analysis/csv';
import { msg, type Message } from '../analysis/message';
import { useLocale } from './i18n/useLocale';

/** The text box's example: data, the same in every language. */
const CSV_EXAMPLE = 'x,y\n-0.5,-0.4\n0.2,0.35';

export function DataPanel({
  ownPoints,
  editing,
  onEditing,
  onUse,
  onClear,
}: {
  /** number of own training points in use, null when the settings' data is used */
  ownPoints: number | null;
  editing: boolean;
  onEditing: (on: boolean) => void;
  onUse: (x: number[], y: number[]) => void;
  onClear: () => void;
}): ReactNode {
  const { t, tm } = useLocale();
  const [text, setText] = useState('');
  const [result, setResult] = useState<CsvResult | null>(null);
  /** why the last paste or edit was refused (its size), shown until the next accepted edit */
  const [refusal, setRefusal] = useState<Message | null>(null);
  const use = (): void => {
    const r = parseCsvPoints(text);
    setResult(r);
    if (r.x.length >= 2) onUse(r.x, r.y);
  };
  const refuse = (problem: Message): void => {
    setRefusal(problem);
    setResult(null);
  };
  /** the text a paste would leave is checked by size before the browser inserts it */
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>): void => {
    const pasted = e.clipboardData.getData('text');
    const { selectionStart, selectionEnd } = e.currentTarget;
    const length = text.length - Math.abs(selectionEnd - selectionStart) + pasted.length;
    const problem =
      length > MAX_CSV_BYTES
        ? sizeRefusal(length)
        : csvSizeProblem(
            text.slice(0, Math.min(selectionStart, selectionEnd)) + pasted + text.slice(Math.max(selectionStart, selectionEnd)),
          );
    if (problem === null) return;
    e.preventDefault();
    refuse(msg('data.pasteRefused', { why: problem }));
  };
  const onEdit = (value: string): void => {
    const problem = csvSizeProblem(value);
    if (problem !== null) {
      refuse(msg('data.textRefused', { why: problem }));
      return;
    }
    setRefusal(null);
    setText(value);
  };
  const errors = result ? formatCsvErrors(result) : [];
  const skipped = result ? result.errors.length + result.moreErrors : 0;
  return (
    <div className="own-data" data-testid="own-data">
      <div className="export-buttons">
        <button type="button" aria-pressed={editing} onClick={() => onEditing(!editing)} title={t('data.editTitle')}>
          {editing ? t('data.stopEdit') : t('data.edit')}
        </button>
        {ownPoints !== null ? (
          <button type="button" onClick={onClear}>
            {t('data.back')}
          </button>
        ) : null}
        <span className="small muted" data-testid="own-data-status">
          {ownPoints !== null ? t('data.own', { n: ownPoints }) : t('data.settingsData')}
          {editing ? t('data.editing') : ''}
        </span>
      </div>
      <label className="small" htmlFor="csv-input">
        {t('data.pasteLabel')}
      </label>
      <textarea
        id="csv-input"
        className="csv"
        value={text}
        spellCheck={false}
        onPaste={onPaste}
        onChange={(e) => onEdit(e.currentTarget.value)}
        placeholder={CSV_EXAMPLE}
      />
      <div className="export-buttons">
        <button type="button" disabled={text.trim() === ''} onClick={use}>
          {t('data.use')}
        </button>
      </div>
      {refusal !== null ? (
        <div className="notice warning small" role="alert" data-testid="csv-refused">
          {tm(refusal)}
        </div>
      ) : null}
      {result?.refused ? (
        <div className="notice warning small" role="alert" data-testid="csv-refused">
          {tm(result.refused)}
        </div>
      ) : null}
      {result && !result.refused ? (
        <div className="small" role="status" data-testid="csv-result">
          {result.x.length >= 2
            ? skipped
              ? t('data.usingSkipped', { count: result.x.length, skipped: t('data.rows', { count: skipped }) })
              : t('data.using', { count: result.x.length })
            : `${t('data.tooFew', { count: result.x.length })}${skipped ? t('data.problems') : ''}`}
          {result.warning && result.x.length >= 2 ? (
            <div className="notice warning" data-testid="csv-warning">
              {tm(result.warning)}
            </div>
          ) : null}
          {errors.length ? (
            <ul className="csv-errors" data-testid="csv-errors">
              {errors.map((e, i) => (
                <li key={i}>{tm(e)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
