// The transport: Play/Pause, Step, Reset, New data, and how the run plays — Speed, what a change
// does (On change), and the ghost of the previous run (Compare with previous run).

import { useId, type ReactNode } from 'react';
import type { ChangeMode } from '../worker/protocol';
import { useLocale } from './i18n/useLocale';
import { SPEEDS, isPlaying, type PlayStatus, type Speed } from './playback/playhead';
import { Toggletip } from './Toggletip';

const CHANGE_MODES: readonly ChangeMode[] = ['replay', 'continue'];

export interface TransportProps {
  readonly ready: boolean;
  readonly status: PlayStatus;
  /** a later checkpoint exists or can be computed */
  readonly canStep: boolean;
  readonly everyEpochs: number;
  readonly onPlay: () => void;
  readonly onPause: () => void;
  readonly onStep: () => void;
  readonly onReset: () => void;
  readonly onNewData: () => void;
  readonly speed: Speed;
  readonly onSpeed: (s: Speed) => void;
  readonly changeMode: ChangeMode;
  readonly onChangeMode: (m: ChangeMode) => void;
  readonly compare: boolean;
  readonly onCompare: (on: boolean) => void;
}

export function Transport(p: TransportProps): ReactNode {
  const speedId = useId();
  const changeId = useId();
  const { t } = useLocale();
  const playing = isPlaying(p);
  return (
    <>
      <div className="transport">
        <button
          type="button"
          className="primary"
          disabled={!p.ready}
          onClick={playing ? p.onPause : p.onPlay}
          title={p.status === 'ended' ? t('transport.playAgainTitle') : undefined}
        >
          {playing ? t('transport.pause') : t('transport.play')}
        </button>
        <button
          type="button"
          disabled={!p.ready || playing || !p.canStep}
          onClick={p.onStep}
          title={t('transport.stepTitle', { every: p.everyEpochs })}
        >
          {t('transport.step')}
        </button>
        <button type="button" disabled={!p.ready} onClick={p.onReset}>
          {t('transport.reset')}
        </button>
        <button type="button" disabled={!p.ready} onClick={p.onNewData} title={t('transport.newDataTitle')}>
          {t('transport.newData')}
        </button>
      </div>
      <div className="playback-options">
        <div className="control choice">
          <div className="control-head">
            <label htmlFor={speedId}>{t('transport.speed')}</label>
            <Toggletip topic={t('topic.playback.speed')}>{t('explain.playback.speed')}</Toggletip>
          </div>
          <select id={speedId} value={p.speed} onChange={(e) => p.onSpeed(e.currentTarget.value as Speed)}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {t(`transport.speeds.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="control choice">
          <div className="control-head">
            <label htmlFor={changeId}>{t('transport.onChange')}</label>
            <Toggletip topic={t('topic.playback.changeMode')}>{t('explain.playback.changeMode')}</Toggletip>
          </div>
          <select
            id={changeId}
            value={p.changeMode}
            onChange={(e) => p.onChangeMode(e.currentTarget.value === 'continue' ? 'continue' : 'replay')}
            title={t('transport.onChangeTitle')}
          >
            {CHANGE_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`transport.changeModes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="compare">
          <label className="small">
            <input type="checkbox" checked={p.compare} onChange={(e) => p.onCompare(e.currentTarget.checked)} /> {t('transport.compare')}
          </label>
          <Toggletip topic={t('topic.playback.compare')}>{t('explain.playback.compare')}</Toggletip>
        </div>
      </div>
    </>
  );
}
