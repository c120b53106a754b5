// The live dropout diagram: the regularized net with a sample of at most 16 units per hidden layer,
// the units the current update's mask drops greyed (the engine's own Threefry masks, for one
// training point), kept units marked with the convention's training multiplier, and beside it the
// net at test time, where vanilla dropout does its scaling. Props: the settings in effect and the
// displayed epoch (the playhead's); the page places it (data-tour="dropout-diagram").

import { memo, useId, useMemo, useState, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import { netColor } from './chart-data';
import type { Translate } from './i18n/i18n';
import { useLocale } from './i18n/useLocale';
import { MAX_SHOWN_UNITS, diagramModel, type DiagramLayer, type DiagramModel } from './dropout-diagram';

/** The diagram's words in the page's language (catalog keys `diagram.*`). */
export function diagramText(t: Translate) {
  return {
    title: t('diagram.title'),
    shown: (shown: number, width: number) => t('diagram.shown', { shown, width }),
    layer: (i: number) => t('diagram.layer', { n: i + 1 }),
    input: 'x',
    output: 'y',
    trainPanel: (step: number, upcoming: boolean) => t(upcoming ? 'diagram.trainPanelNext' : 'diagram.trainPanel', { step }),
    testPanel: t('diagram.testPanel'),
    point: t('diagram.point'),
    pointOf: (rows: number) => t('diagram.pointOf', { rows }),
    off: t('diagram.off'),
    scale: (s: number) => `×${formatScale(s)}`,
    trainNote: (d: DiagramModel) =>
      d.convention === 'inverted' ? t('diagram.trainNoteInverted', { scale: formatScale(d.trainScale) }) : t('diagram.trainNoteVanilla'),
    testNote: (d: DiagramModel) =>
      d.convention === 'inverted' ? t('diagram.testNoteInverted') : t('diagram.testNoteVanilla', { scale: formatScale(d.evalScale) }),
    summary: (d: DiagramModel) =>
      t('diagram.summary', {
        step: d.step,
        point: d.row + 1,
        rows: d.rows,
        p: d.pDrop,
        layers: d.layers
          .map((l, i) => t('diagram.summaryLayer', { n: i + 1, dropped: l.dropped, shown: l.units.length }))
          .join(t('diagram.summarySeparator')),
      }),
  };
}

function formatScale(s: number): string {
  return String(Number(s.toPrecision(3)));
}

const PANEL_W = 230;
const PANEL_H = 200;
const TOP = 24;
const UNIT_R = 4.5;
/** colours as SVG attributes, so the diagram reads without the page's stylesheet */
const INK = {
  kept: netColor(1),
  dropped: '#d0d4da',
  droppedStroke: '#8a9099',
  io: '#555',
  edge: '#9aa4b1',
  edgeOff: '#eceef1',
  text: '#333',
} as const;

/** A straight segment as path data, at a hundredth of a unit. */
function segment(x1: number, y1: number, x2: number, y2: number): string {
  const r = (v: number): number => Math.round(v * 100) / 100;
  return `M${r(x1)} ${r(y1)}L${r(x2)} ${r(y2)}`;
}

function unitY(i: number, n: number): number {
  const span = PANEL_H - TOP - 14;
  return TOP + (n <= 1 ? span / 2 : (i * span) / (n - 1));
}

/** One copy of the net: input, the hidden layers' sampled units, output; `mode` says which masks and scales. */
function NetPanel({ d, mode, x0 }: { d: DiagramModel; mode: 'train' | 'test'; x0: number }): ReactNode {
  const text = diagramText(useLocale().t);
  const cols = d.layers.length + 2;
  const colX = (c: number): number => x0 + 16 + (c * (PANEL_W - 44)) / (cols - 1);
  const midY = unitY(0, 1);
  const scale = mode === 'train' ? d.trainScale : d.evalScale;
  const showScale = scale !== 1;
  const kept = (l: DiagramLayer, i: number): boolean => mode === 'test' || l.units[i].kept;
  // the edges as two paths, the kept ones drawn over the dropped ones: an update that flips a
  // mask changes two attributes, not hundreds of lines (the diagram redraws while a run plays)
  const edges = { on: [] as string[], off: [] as string[] };
  const edge = (on: boolean, x1: number, y1: number, x2: number, y2: number): void => {
    edges[on ? 'on' : 'off'].push(segment(x1, y1, x2, y2));
  };
  d.layers.forEach((l, li) => {
    l.units.forEach((_, i) => {
      const y = unitY(i, l.units.length);
      const on = kept(l, i);
      if (li === 0) edge(on, colX(0), midY, colX(1), y);
      const next = d.layers[li + 1];
      if (next) next.units.forEach((__, j) => edge(on && kept(next, j), colX(li + 1), y, colX(li + 2), unitY(j, next.units.length)));
      else edge(on, colX(li + 1), y, colX(cols - 1), midY);
    });
  });
  return (
    <g data-panel={mode}>
      <text x={x0 + PANEL_W / 2} y={12} textAnchor="middle" className="panel-title">
        {mode === 'train' ? text.trainPanel(d.step, d.upcoming) : text.testPanel}
      </text>
      <path d={edges.off.join('')} className="edges off" fill="none" stroke={INK.edgeOff} strokeWidth={0.3} />
      <path d={edges.on.join('')} className="edges" fill="none" stroke={INK.edge} strokeWidth={0.4} />
      <circle cx={colX(0)} cy={midY} r={UNIT_R + 1} className="unit io" fill={INK.io} />
      <text x={colX(0)} y={midY + 16} textAnchor="middle" className="unit-label">
        {text.input}
      </text>
      <circle cx={colX(cols - 1)} cy={midY} r={UNIT_R + 1} className="unit io" fill={INK.io} />
      <text x={colX(cols - 1)} y={midY + 16} textAnchor="middle" className="unit-label">
        {text.output}
      </text>
      {d.layers.map((l, li) => (
        <g key={li} data-layer={li}>
          {l.units.map((u, i) => {
            const on = kept(l, i);
            const y = unitY(i, l.units.length);
            return (
              <g key={u.unit} data-unit={u.unit} data-kept={on}>
                <circle
                  cx={colX(li + 1)}
                  cy={y}
                  r={UNIT_R}
                  className={on ? 'unit' : 'unit dropped'}
                  fill={on ? INK.kept : INK.dropped}
                  stroke={on ? 'none' : INK.droppedStroke}
                />
                {on && showScale ? (
                  <text x={colX(li + 1) + UNIT_R + 2} y={y + 3} className="scale-label">
                    {text.scale(scale)}
                  </text>
                ) : null}
              </g>
            );
          })}
          <text x={colX(li + 1)} y={PANEL_H - 1} textAnchor="middle" className="unit-label">
            {text.layer(li)}
          </text>
        </g>
      ))}
    </g>
  );
}

export interface DropoutDiagramProps {
  /** the settings in effect (dropout rate, convention, width, layers, seed) */
  readonly settings: Settings;
  /** the displayed epoch (updates done): its last update's mask is shown */
  readonly epoch: number;
  /** training points of the run (own points may differ from settings.points) */
  readonly rows?: number;
}

function DropoutDiagramView({ settings, epoch, rows = settings.points }: DropoutDiagramProps): ReactNode {
  const text = diagramText(useLocale().t);
  const [point, setPoint] = useState(1);
  const id = useId();
  const d = useMemo(() => diagramModel(settings, epoch, point - 1, rows), [settings, epoch, point, rows]);
  const width = settings.hidden;
  const shown = Math.min(width, MAX_SHOWN_UNITS);
  return (
    <figure className="dropout-diagram" data-testid="dropout-diagram" data-convention={d.convention} data-step={d.step}>
      <figcaption>
        <strong>{text.title}</strong> <span className="muted small">{text.shown(shown, width)}</span>{' '}
        <label className="small" htmlFor={id}>
          {text.point}{' '}
          <input
            id={id}
            type="number"
            min={1}
            max={d.rows}
            value={d.row + 1}
            onChange={(e) => setPoint(Math.round(Number(e.currentTarget.value)) || 1)}
          />{' '}
          {text.pointOf(d.rows)}
        </label>
      </figcaption>
      <svg viewBox={`0 0 ${2 * PANEL_W + 10} ${PANEL_H + 4}`} role="img" aria-label={text.summary(d)} fontSize={8} fill={INK.text}>
        <NetPanel d={d} mode="train" x0={0} />
        <NetPanel d={d} mode="test" x0={PANEL_W + 10} />
      </svg>
      <p className="small">{d.pDrop === 0 ? text.off : text.trainNote(d)}</p>
      <p className="small">{text.testNote(d)}</p>
    </figure>
  );
}

/** (memo: a parent re-rendered with the same props, e.g. by a deferred render's first pass, leaves it alone) */
export const DropoutDiagram = memo(DropoutDiagramView);
