// Film-strip: small multiples of the prediction curves at each checkpoint (SVG, cheap to draw);
// clicking one opens it large.

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Dataset } from '../experiment/types';
import { COLORS, filmFrameIndices, finitePoints, formatLoss, mainYRange, netColor, svgPath } from './chart-data';
import { MainChart } from './MainChart';
import type { PageFrame } from './run-store';

const W = 120;
const H = 80;
const MAX_THUMBS = 24;

function Thumb({ frame, data }: { frame: PageFrame; data: Dataset }): ReactNode {
  const xr = { min: frame.gridX[0] ?? -1, max: frame.gridX[frame.gridX.length - 1] ?? 1 };
  const yr = mainYRange(data);
  const dot = (x: number, y: number, color: string, key: string): ReactNode => {
    const cx = ((x - xr.min) / (xr.max - xr.min)) * W;
    const cy = H - ((y - yr.min) / (yr.max - yr.min)) * H;
    return <circle key={key} cx={cx.toFixed(1)} cy={cy.toFixed(1)} r={1.6} fill={color} />;
  };
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      <rect x={0} y={0} width={W} height={H} fill="#fff" />
      {data.x.map((x, i) => dot(x, data.y[i], COLORS.train, `tr${i}`))}
      {data.testX.map((x, i) => dot(x, data.testY[i], COLORS.test, `te${i}`))}
      {frame.nets.map((net, i) => (
        <polyline
          key={net.name}
          points={svgPath(finitePoints(frame.gridX, net.gridPred), xr, yr, W, H)}
          fill="none"
          stroke={netColor(i)}
          strokeWidth={1.5}
        />
      ))}
    </svg>
  );
}

export function FilmStrip({ frames, data }: { frames: readonly PageFrame[]; data: Dataset | null }): ReactNode {
  const [open, setOpen] = useState<PageFrame | null>(null);
  const indices = useMemo(() => filmFrameIndices(frames.length, MAX_THUMBS), [frames.length]);
  const stripRef = useRef<HTMLOListElement | null>(null);
  useEffect(() => {
    const el = stripRef.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [indices.length, frames.length]);

  if (!data || frames.length === 0) return <p className="muted">Checkpoints appear here as the nets train.</p>;
  return (
    <>
      <ol className="film-strip" ref={stripRef} data-testid="film-strip">
        {indices.map((i) => {
          const f = frames[i];
          return (
            <li key={f.epoch}>
              <button type="button" className="thumb" aria-label={`Checkpoint at epoch ${f.epoch}`} onClick={() => setOpen(f)}>
                <Thumb frame={f} data={data} />
                <span className="thumb-caption">epoch {f.epoch}</span>
              </button>
            </li>
          );
        })}
      </ol>
      {open ? <FrameDialog frame={open} data={data} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function FrameDialog({ frame, data, onClose }: { frame: PageFrame; data: Dataset; onClose: () => void }): ReactNode {
  const closeRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={`Checkpoint at epoch ${frame.epoch}`}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="dialog-head">
          <h2>Checkpoint at epoch {frame.epoch}</h2>
          <button type="button" ref={closeRef} onClick={onClose}>
            Close
          </button>
        </div>
        <MainChart data={data} frame={frame} animationMs={0} registryName="frame" height={460} />
        <p className="frame-losses">
          {frame.nets.map((n, i) => (
            <span key={n.name} style={{ color: netColor(i) }}>
              {n.label}: test MSE {formatLoss(n.testMse)}, train MSE {formatLoss(n.trainMseEval)}
              {n.divergedAt !== null ? ` (diverged at epoch ${n.divergedAt})` : ''}
            </span>
          ))}
        </p>
      </div>
    </div>
  );
}
