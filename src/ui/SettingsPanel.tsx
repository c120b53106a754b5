// The settings: presets, every schema control grouped, and the backend preference. Sliders report
// pointer drags through `dragBind` (a replay starts when the thumb is let go).

import type { ReactNode } from 'react';
import { BACKEND_PREFERENCES } from '../experiment/backend-choice';
import type { PresetName, Settings } from '../experiment/settings';
import { ChoiceControl, ControlGroup, NumberControl, SliderControl, type ChangeHandler } from './Controls';
import type { SliderDrag } from './hooks/useSliderDrag';
import { useLocale } from './i18n/useLocale';
import { backendPreferenceOf, matchesPreset, type BackendPreference } from './url-state';

const PRESET_BUTTONS: readonly PresetName[] = ['tutorial', 'strong-overfitting'];

export interface SettingsPanelProps {
  readonly settings: Settings;
  readonly onChange: ChangeHandler;
  readonly onPreset: (preset: PresetName) => void;
  readonly backend: BackendPreference;
  readonly onBackend: (b: BackendPreference) => void;
  readonly dragBind: SliderDrag['bind'];
  /** transport controls shown at the top */
  readonly children?: ReactNode;
}

export function SettingsPanel({ settings, onChange, onPreset, backend, onBackend, dragBind, children }: SettingsPanelProps): ReactNode {
  const { t } = useLocale();
  const slider = (name: Parameters<typeof SliderControl>[0]['name']): ReactNode => (
    <SliderControl name={name} settings={settings} onChange={onChange} />
  );
  const number = (name: Parameters<typeof NumberControl>[0]['name']): ReactNode => (
    <NumberControl name={name} settings={settings} onChange={onChange} />
  );
  const choice = (name: Parameters<typeof ChoiceControl>[0]['name']): ReactNode => (
    <ChoiceControl name={name} settings={settings} onChange={onChange} />
  );
  return (
    <aside className="controls" aria-label={t('controls.aria')} {...dragBind}>
      {children}
      <div className="presets" role="group" aria-label={t('controls.presets')}>
        <span className="presets-label">{t('controls.presets')}</span>
        {PRESET_BUTTONS.map((p) => (
          <button key={p} type="button" aria-pressed={settings.preset === p} onClick={() => onPreset(p)}>
            {t(`controls.presetButtons.${p}`)}
          </button>
        ))}
        {settings.preset === 'custom' || !matchesPreset(settings) ? <span className="muted small">{t('controls.modified')}</span> : null}
      </div>

      <ControlGroup title={t('controls.groups.regularization')}>
        {slider('dropout')}
        {choice('convention')}
        {slider('weightDecay')}
        {slider('l1')}
      </ControlGroup>
      <ControlGroup title={t('controls.groups.optimization')}>
        {choice('optimizer')}
        {slider('lrPlain')}
        {slider('lrRegularized')}
        {settings.optimizer === 'sgd' ? slider('momentum') : null}
      </ControlGroup>
      <ControlGroup title={t('controls.groups.network')}>
        {slider('hidden')}
        {slider('layers')}
      </ControlGroup>
      <ControlGroup title={t('controls.groups.training')}>
        {number('epochs')}
        {number('every')}
      </ControlGroup>
      <ControlGroup title={t('controls.groups.data')}>
        {slider('noise')}
        {number('points')}
        {number('seed')}
      </ControlGroup>
      <div className="control choice">
        <div className="control-head">
          <label htmlFor="backend-pref">{t('controls.backend')}</label>
        </div>
        <select id="backend-pref" value={backend} onChange={(e) => onBackend(backendPreferenceOf(e.currentTarget.value))}>
          {BACKEND_PREFERENCES.map((b) => (
            <option key={b} value={b}>
              {t(`controls.backendOptions.${b}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="muted small">{t('controls.footnote')}</p>
    </aside>
  );
}
