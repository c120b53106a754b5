// Own data: paste CSV (x,y per line) — bad rows are listed with their line number and reason (the
// first 20, then "and N more"), every valid row is used — or edit the training points on the fit
// chart (click adds, drag moves, right-click or Delete removes). Own points replace the training
// points; the test points stay. A paste over MAX_CSV_BYTES is refused by its size at once, before
// it reaches the text box or the parser.

import { useState, type ClipboardEvent, type ReactNode } from 'react';
import { MAX_CSV_BYTES, csvSizeProblem, formatCsvErrors, parseCsvPoints, sizeRefusal, type CsvResult } from '../analysis/csv';

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
  const [text, setText] = useState('');
  const [result, setResult] = useState<CsvResult | null>(null);
  /** why the last paste or edit was refused (its size), shown until the next accepted edit */
  const [refusal, setRefusal] = useState<string | null>(null);
  const use = (): void => {
    const r = parseCsvPoints(text);
    setResult(r);
    if (r.x.length >= 2) onUse(r.x, r.y);
  };
  const refuse = (problem: string): void => {
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
    refuse(`Paste refused: ${problem}`);
  };
  const onEdit = (value: string): void => {
    const problem = csvSizeProblem(value);
    if (problem !== null) {
      refuse(`Text refused: ${problem}`);
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
        <button
          type="button"
          aria-pressed={editing}
          onClick={() => onEditing(!editing)}
          title="click on the fit chart to add a point, drag to move, right-click or Delete to remove"
        >
          {editing ? 'Stop editing points' : 'Edit points on the chart'}
        </button>
        {ownPoints !== null ? (
          <button type="button" onClick={onClear}>
            Back to generated data
          </button>
        ) : null}
        <span className="small muted" data-testid="own-data-status">
          {ownPoints !== null
            ? `Own data: ${ownPoints} training points (the test points stay; the page link holds them).`
            : 'Using the settings’ data.'}
          {editing ? ' Editing: click adds, drag moves, right-click or Delete removes a training point.' : ''}
        </span>
      </div>
      <label className="small" htmlFor="csv-input">
        Paste CSV: one “x,y” per line (a header line is fine)
      </label>
      <textarea
        id="csv-input"
        className="csv"
        value={text}
        spellCheck={false}
        onPaste={onPaste}
        onChange={(e) => onEdit(e.currentTarget.value)}
        placeholder={'x,y\n-0.5,-0.4\n0.2,0.35'}
      />
      <div className="export-buttons">
        <button type="button" disabled={text.trim() === ''} onClick={use}>
          Use pasted points
        </button>
      </div>
      {refusal !== null ? (
        <div className="notice warning small" role="alert" data-testid="csv-refused">
          {refusal}
        </div>
      ) : null}
      {result?.refused ? (
        <div className="notice warning small" role="alert" data-testid="csv-refused">
          {result.refused}
        </div>
      ) : null}
      {result && !result.refused ? (
        <div className="small" role="status" data-testid="csv-result">
          {result.x.length >= 2
            ? `Using ${result.x.length} valid row${result.x.length === 1 ? '' : 's'}${skipped ? `; ${skipped.toLocaleString('en-US')} row${skipped === 1 ? '' : 's'} skipped:` : '.'}`
            : `Only ${result.x.length} valid row${result.x.length === 1 ? '' : 's'}: at least 2 are needed; nothing changed.${skipped ? ' Problems:' : ''}`}
          {result.warning && result.x.length >= 2 ? (
            <div className="notice warning" data-testid="csv-warning">
              {result.warning}
            </div>
          ) : null}
          {errors.length ? (
            <ul className="csv-errors" data-testid="csv-errors">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
