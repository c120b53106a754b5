// Histograms of each layer's weights, per net, at the checkpoint on screen: L1 drives weights to
// (near) zero, L2 shrinks them (smaller rms). The count of |w| < 1e-3 is shown under each
// histogram. Computed only while the panel is on screen.

import { memo, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { histogram, weightNames, type Histogram } from '../analysis/histogram';
import { netColor, netLabel } from './chart-data';
import { formatPercent } from './i18n/format';
import { useLocale } from './i18n/useLocale';
import type { WeightsView } from './run-store';

const W = 220;
const H = 70;
const BINS = 40;

function Bars({ h, color }: { h: Histogram; color: string }): ReactNode {
  const { t } = useLocale();
  const max = Math.max(1, ...h.counts);
  const bw = W / h.counts.length;
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('weights.histogram')}>
      <line x1={W / 2} x2={W / 2} y1={0} y2={H} stroke="#ccc" strokeDasharray="2 2" />
      {h.counts.map((c, i) => {
        // sqrt scale: a spike of exact zeros does not flatten the rest
        const bh = c > 0 ? Math.max(1, (Math.sqrt(c) / Math.sqrt(max)) * (H - 2)) : 0;
        return <rect key={i} x={i * bw + 0.5} y={H - bh} width={Math.max(0.5, bw - 1)} height={bh} fill={color} />;
      })}
    </svg>
  );
}

/** True while `ref`'s element is on screen (or near it): the histograms are computed only then. */
function useOnScreen(ref: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return visible;
}

function WeightsPanelView({ weights }: { weights: WeightsView | null }): ReactNode {
  const ref = useRef<HTMLDivElement | null>(null);
  const visible = useOnScreen(ref);
  const { t } = useLocale();
  return (
    <div ref={ref}>
      {visible ? (
        <WeightsTable weights={weights} />
      ) : (
        <p className="muted small">{weights ? t('weights.offscreen', { epoch: weights.epoch }) : t('weights.waiting')}</p>
      )}
    </div>
  );
}

function WeightsTable({ weights }: { weights: WeightsView | null }): ReactNode {
  const { t, lang } = useLocale();
  const layers = useMemo(() => {
    if (!weights || weights.nets.length === 0) return [];
    return weightNames(Object.keys(weights.nets[0].params)).map((name) => {
      let range = 1e-6;
      for (const n of weights.nets) for (const v of n.params[name] ?? []) if (Number.isFinite(v)) range = Math.max(range, Math.abs(v));
      return { name, hists: weights.nets.map((n) => histogram(n.params[name] ?? [], { bins: BINS, range })), range };
    });
  }, [weights]);
  if (!weights) return <p className="muted small">{t('weights.waiting')}</p>;
  return (
    <div className="weights" data-testid="weights" data-epoch={weights.epoch}>
      <p className="muted small">{t('weights.note', { epoch: weights.epoch })}</p>
      <table className="weights-table">
        <thead>
          <tr>
            <th>{t('weights.layer')}</th>
            {weights.nets.map((n, i) => (
              <th key={n.name} style={{ color: netColor(i) }}>
                {netLabel(t, n)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {layers.map((l) => (
            <tr key={l.name}>
              <th scope="row">
                {l.name}
                <div className="muted small">±{l.range.toPrecision(2)}</div>
              </th>
              {l.hists.map((h, i) => (
                <td
                  key={weights.nets[i].name}
                  data-testid={`weights-${weights.nets[i].name}-${l.name}`}
                  data-near-zero={h.nearZero}
                  data-total={h.total}
                >
                  <Bars h={h} color={netColor(i)} />
                  <div className="small weight-stats">
                    {t('weights.nearZero')} <strong>{h.nearZero}</strong>{' '}
                    {t('weights.stats', {
                      total: h.total,
                      share: formatPercent(lang, h.nearZero / Math.max(1, h.total)),
                      exact: h.exactZero,
                      rms: Number.isFinite(h.rms) ? h.rms.toPrecision(3) : '—',
                    })}
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** (memo: a parent re-rendered with the same props, e.g. by a deferred render's first pass, leaves it alone) */
export const WeightsPanel = memo(WeightsPanelView);
