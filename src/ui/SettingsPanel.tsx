// The settings: presets, every schema control grouped, and the backend preference. Sliders report
// pointer drags through `dragBind` (a replay starts when the thumb is let go).

import type { ReactNode } from 'react';
import type { PresetName, Settings } from '../experiment/settings';
import { ChoiceControl, ControlGroup, NumberControl, PresetPicker, SliderControl, type ChangeHandler } from './Controls';
import type { SliderDrag } from './hooks/useSliderDrag';
import { backendPreferenceOf, type BackendPreference } from './url-state';

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
      <PresetPicker settings={settings} onPreset={onPreset} />

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
