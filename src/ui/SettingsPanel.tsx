// The settings: presets, every schema control grouped, and the backend preference. Sliders report
// pointer drags through `dragBind` (a replay starts when the thumb is let go).

import type { ReactNode } from 'react';
import type { PresetName, Settings } from '../experiment/settings';
import { BACKEND_EXPLANATION, BACKEND_TOPIC, CONTROL_EXPLANATIONS, PRESETS_TOPIC } from './explanations';
import { Toggletip } from './Toggletip';
import { ChoiceControl, ControlGroup, NumberControl, SliderControl, type ChangeHandler } from './Controls';
import type { SliderDrag } from './hooks/useSliderDrag';
import { backendPreferenceOf, matchesPreset, type BackendPreference } from './url-state';

const PRESET_BUTTONS: { preset: PresetName; label: string }[] = [
  { preset: 'tutorial', label: 'Tutorial' },
  { preset: 'strong-overfitting', label: 'Strong over-fitting' },
];

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
    <aside className="controls" aria-label="Controls" {...dragBind}>
      {children}
      <div className="presets" role="group" aria-label="Presets">
        <span className="presets-label">Presets</span>
        <Toggletip topic={PRESETS_TOPIC}>{CONTROL_EXPLANATIONS.preset}</Toggletip>
        {PRESET_BUTTONS.map((p) => (
          <button key={p.preset} type="button" aria-pressed={settings.preset === p.preset} onClick={() => onPreset(p.preset)}>
            {p.label}
          </button>
        ))}
        {settings.preset === 'custom' || !matchesPreset(settings) ? <span className="muted small">(modified)</span> : null}
      </div>

      <ControlGroup title="Regularization (regularized net)">
        {slider('dropout')}
        {choice('convention')}
        {slider('weightDecay')}
        {slider('l1')}
      </ControlGroup>
      <ControlGroup title="Optimization">
        {choice('optimizer')}
        {slider('lrPlain')}
        {slider('lrRegularized')}
        {settings.optimizer === 'sgd' ? slider('momentum') : null}
      </ControlGroup>
      <ControlGroup title="Network">
        {slider('hidden')}
        {slider('layers')}
      </ControlGroup>
      <ControlGroup title="Training">
        {number('epochs')}
        {number('every')}
      </ControlGroup>
      <ControlGroup title="Data">
        {slider('noise')}
        {number('points')}
        {number('seed')}
      </ControlGroup>
      <div className="control choice">
        <div className="control-head">
          <label htmlFor="backend-pref">Backend</label>
          <Toggletip topic={BACKEND_TOPIC}>{BACKEND_EXPLANATION}</Toggletip>
        </div>
        <select id="backend-pref" value={backend} onChange={(e) => onBackend(backendPreferenceOf(e.currentTarget.value))}>
          <option value="auto">Auto (the faster here)</option>
          <option value="webgpu">WebGPU (if available)</option>
          <option value="cpu">CPU</option>
        </select>
      </div>
      <p className="muted small">
        ↺ starts a new run; a change of any other setting replays the run from epoch 0 (or, while playing, as “On change” says).
      </p>
    </aside>
  );
}
