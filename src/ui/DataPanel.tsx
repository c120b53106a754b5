// Own data: paste CSV (x,y per line) — bad rows are listed with their line number and reason, every
// valid row is used — or edit the training points on the fit chart (click adds, drag moves,
// right-click or Delete removes). Own points replace the training points; the test points stay.

import { useState, type ReactNode } from 'react';
import { formatCsvErrors, parseCsvPoints, type CsvResult } from '../analysis/csv';

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
  const use = (): void => {
    const r = parseCsvPoints(text);
    setResult(r);
    if (r.x.length >= 2) onUse(r.x, r.y);
  };
  const errors = result ? formatCsvErrors(result.errors) : [];
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
        onChange={(e) => setText(e.currentTarget.value)}
        placeholder={'x,y\n-0.5,-0.4\n0.2,0.35'}
      />
      <div className="export-buttons">
        <button type="button" disabled={text.trim() === ''} onClick={use}>
          Use pasted points
        </button>
      </div>
      {result ? (
        <div className="small" role="status" data-testid="csv-result">
          {result.x.length >= 2
            ? `Using ${result.x.length} valid row${result.x.length === 1 ? '' : 's'}${result.errors.length ? `; ${result.errors.length} row${result.errors.length === 1 ? '' : 's'} skipped:` : '.'}`
            : `Only ${result.x.length} valid row${result.x.length === 1 ? '' : 's'}: at least 2 are needed; nothing changed.${result.errors.length ? ' Problems:' : ''}`}
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
