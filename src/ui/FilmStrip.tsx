// Film-strip: small multiples of the prediction curves at each checkpoint (SVG, cheap to draw);
// clicking one opens it large.

import { memo, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Dataset } from '../experiment/types';
import { COLORS, filmFrameIndices, finitePoints, formatLoss, mainYRange, netColor, netLabel, svgDots, svgPath } from './chart-data';
import { wrapTabFocus } from './focus-trap';
import { useLocale } from './i18n/useLocale';
import { MainChart } from './MainChart';
import type { PageFrame } from './run-store';
import './FilmStrip.css';

const W = 120;
const H = 80;
const MAX_THUMBS = 24;
const DOT_R = 1.6;

/** The film-strip's and its dialog's texts. */
function ThumbView({ frame, data }: { frame: PageFrame; data: Dataset }): ReactNode {
  const xr = { min: frame.gridX[0] ?? -1, max: frame.gridX[frame.gridX.length - 1] ?? 1 };
  const yr = mainYRange(data);
  // each set of points is one path: a thumbnail of a few elements, however many points
  const dots = (xs: readonly number[], ys: readonly number[]): string =>
    svgDots(
      xs.map((x, i) => ({ x, y: ys[i] })),
      xr,
      yr,
      W,
      H,
      DOT_R,
    );
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      <rect x={0} y={0} width={W} height={H} fill="#fff" />
      <path d={dots(data.x, data.y)} fill={COLORS.train} data-points="train" />
      <path d={dots(data.testX, data.testY)} fill={COLORS.test} data-points="test" />
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

/** (memo: a new checkpoint adds a thumbnail; the others stay) */
const Thumb = memo(ThumbView);

function FilmStripView({ frames, data }: { frames: readonly PageFrame[]; data: Dataset | null }): ReactNode {
  const { t } = useLocale();
  const [open, setOpen] = useState<PageFrame | null>(null);
  const indices = useMemo(() => filmFrameIndices(frames.length, MAX_THUMBS), [frames.length]);
  const stripRef = useRef<HTMLOListElement | null>(null);
  useEffect(() => {
    const el = stripRef.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [indices.length, frames.length]);

  if (!data || frames.length === 0) return <p className="muted">{t('film.empty')}</p>;
  return (
    <>
      <ol className="film-strip" ref={stripRef} data-testid="film-strip">
        {indices.map((i) => {
          const f = frames[i];
          return (
            <li key={f.epoch}>
              <button type="button" className="thumb" aria-label={t('film.thumb', { epoch: f.epoch })} onClick={() => setOpen(f)}>
                <Thumb frame={f} data={data} />
                <span className="thumb-caption">{t('film.caption', { epoch: f.epoch })}</span>
              </button>
            </li>
          );
        })}
      </ol>
      {open ? <FrameDialog frame={open} data={data} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/**
 * One checkpoint, large, in a native modal <dialog>: showModal() makes the rest of the page inert
 * (and wrapTabFocus keeps Tab cycling inside), Escape closes it, and the browser returns focus to the thumbnail that opened
 * it. A click on the backdrop closes it too.
 */
function FrameDialog({ frame, data, onClose }: { frame: PageFrame; data: Dataset; onClose: () => void }): ReactNode {
  const { t } = useLocale();
  const ref = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  const close = (): void => ref.current?.close();
  return (
    <dialog
      ref={ref}
      className="frame-dialog"
      aria-labelledby={titleId}
      data-testid="frame-dialog"
      onClose={onClose}
      onKeyDown={(e) => {
        wrapTabFocus(e, e.currentTarget);
      }}
      onClick={(e) => {
        // the dialog element itself is hit only on its backdrop (its content fills it)
        if (e.target === e.currentTarget) close();
      }}
    >
      <div className="frame-dialog-body">
        <div className="dialog-head">
          <h2 id={titleId}>{t('film.thumb', { epoch: frame.epoch })}</h2>
          <button type="button" autoFocus onClick={close}>
            {t('film.close')}
          </button>
        </div>
        <MainChart data={data} frame={frame} animationMs={0} registryName="frame" height={460} />
        <p className="frame-losses">
          {frame.nets.map((n, i) => (
            <span key={n.name} style={{ color: netColor(i) }}>
              {t('film.losses', { net: netLabel(t, n), test: formatLoss(n.testMse), train: formatLoss(n.trainMseEval) })}
              {n.divergedAt !== null ? t('film.divergedAt', { epoch: n.divergedAt }) : ''}
            </span>
          ))}
        </p>
      </div>
    </dialog>
  );
}

/** (memo: a parent re-rendered with the same props, e.g. by a deferred render's first pass, leaves it alone) */
export const FilmStrip = memo(FilmStripView);
