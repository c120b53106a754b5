// Exports: PNG of each chart, the run as CSV and JSON (every computed epoch and checkpoint), the
// weights at the checkpoint on screen in the golden files' layout, and "Copy as PyTorch".

import { useState, type ReactNode } from 'react';
import { runToCsv, runToJson, weightsToGoldenJson, type RunLike } from '../analysis/export';
import { pytorchScript } from '../analysis/pytorch-script';
import type { Settings } from '../experiment/settings';
import { chartPng } from './chart-setup';
import { copyText, downloadText, downloadUrl } from './download';
import type { RunView, WeightsView } from './run-store';
import { backendText } from './StatusBar';

function runOf(view: RunView): RunLike | null {
  const run = view.current;
  if (!run) return null;
  return { settings: run.appliedSettings, backend: backendText(view), data: run.data, series: run.series, frames: run.checkpoints };
}

/** Exports of the whole computed run; the weights are those of the checkpoint on screen. */
export function ExportPanel({ view, settings, weights }: { view: RunView; settings: Settings; weights: WeightsView | null }): ReactNode {
  const [status, setStatus] = useState<string | null>(null);
  const run = runOf(view);
  const data = view.current?.data ?? null;
  const applied = view.current?.appliedSettings ?? settings;
  const stem = `dropout-lab-epoch${view.worker.epoch}`;
  const png = (name: string, file: string): void => {
    const url = chartPng(name);
    if (!url) {
      setStatus(`The ${name} chart is not on the page.`);
      return;
    }
    downloadUrl(file, url);
    setStatus(`Saved ${file}`);
  };
  /** a click handler that builds the PyTorch script of the current setting and hands it to `use` */
  const withScript = (use: (text: string) => void) => (): void => {
    if (data) use(pytorchScript(applied, data));
  };
  return (
    <div className="exports" data-testid="exports">
      <div className="export-buttons">
        <button type="button" disabled={!run} onClick={() => png('main', `${stem}-fit.png`)}>
          Fit chart PNG
        </button>
        <button type="button" disabled={!run} onClick={() => png('loss', `${stem}-loss.png`)}>
          Loss chart PNG
        </button>
        <button
          type="button"
          disabled={!run}
          onClick={() => run && (downloadText(`${stem}.csv`, runToCsv(run), 'text/csv'), setStatus(`Saved ${stem}.csv`))}
        >
          Run CSV
        </button>
        <button
          type="button"
          disabled={!run}
          onClick={() => run && (downloadText(`${stem}.json`, runToJson(run), 'application/json'), setStatus(`Saved ${stem}.json`))}
        >
          Run JSON
        </button>
        <button
          type="button"
          disabled={!weights}
          title={weights ? 'parameters W1, b1, … in the golden files’ layout ([out][in])' : 'waiting for the weights'}
          onClick={() => {
            const w = weights;
            if (!w) return;
            const file = `dropout-lab-weights-epoch${w.epoch}.json`;
            downloadText(file, weightsToGoldenJson(w.sizes, w.nets, { epoch: w.epoch, settings: applied }), 'application/json');
            setStatus(`Saved ${file}`);
          }}
        >
          Weights JSON
        </button>
        <button
          type="button"
          disabled={!data}
          onClick={withScript((text) => {
            void copyText(text).then((ok) =>
              setStatus(
                ok ? 'PyTorch script copied to the clipboard.' : 'The browser refused the clipboard; use “PyTorch .py” to download it.',
              ),
            );
          })}
        >
          Copy as PyTorch
        </button>
        <button
          type="button"
          disabled={!data}
          onClick={withScript((text) => {
            downloadText('dropout_lab.py', text, 'text/x-python');
            setStatus('Saved dropout_lab.py');
          })}
        >
          PyTorch .py
        </button>
      </div>
      {status ? (
        <p className="small muted" role="status" data-testid="export-status">
          {status}
        </p>
      ) : null}
    </div>
  );
}
