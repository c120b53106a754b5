// The controls column: the transport (children), the presets, the lesson's controls always in
// view (dropout rate, its convention, weight decay, L1), and every other setting in collapsible
// groups whose summary line says the current values, plus the backend preference. Sliders
// report pointer drags through `dragBind` (a replay starts when the thumb is let go).

import type { ReactNode } from 'react';
import { SCHEMA, type NumberSpec, type PresetName, type SettingName, type Settings } from '../experiment/settings';
import { ChoiceControl, ControlGroup, NumberControl, PresetPicker, SliderControl, type ChangeHandler } from './Controls';
import { BACKEND_EXPLANATION, BACKEND_TOPIC, CONTROL_EXPLANATIONS, PRESETS_TOPIC } from './explanations';
import type { SliderDrag } from './hooks/useSliderDrag';
import { formatValue } from './slider-scale';
import { Toggletip } from './Toggletip';
import { backendPreferenceOf, type BackendPreference } from './url-state';

export const SETTINGS_TEXT = {
  controls: 'Controls',
  presets: 'Presets',
  modified: '(modified)',
  regularization: 'Regularization (regularized net)',
  optimization: 'Optimization',
  network: 'Network',
  training: 'Training',
  data: 'Data',
  backend: 'Backend',
  backendOptions: { auto: 'Auto (the faster here)', webgpu: 'WebGPU (if available)', cpu: 'CPU' } satisfies Record<
    BackendPreference,
    string
  >,
  resetNote: '↺ starts a new run; a change of any other setting replays the run from epoch 0 (or, while playing, as “On change” says).',
} as const;

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

/** "Hidden units 300 · Hidden layers 2": the summary line of a closed group. */
function digest(settings: Settings, names: readonly SettingName[]): string {
  return names
    .map((name) => {
      const spec = SCHEMA[name];
      const value = settings[name];
      const shown = typeof value === 'number' ? formatValue(spec as NumberSpec, value) : value;
      return `${spec.label} ${shown}`;
    })
    .join(' · ');
}

/** A collapsible group of settings (closed at first), its current values in the summary. */
function SettingsGroup({ title, summary, children }: { title: string; summary: string; children: ReactNode }): ReactNode {
  return (
    <details className="settings-group">
      <summary>
        <span className="group-title">{title}</span> <span className="group-digest muted">{summary}</span>
      </summary>
      <div className="group-body">{children}</div>
    </details>
  );
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
  const t = SETTINGS_TEXT;
  const optimization: SettingName[] = [
    'optimizer',
    'lrPlain',
    'lrRegularized',
    ...(settings.optimizer === 'sgd' ? (['momentum'] as const) : []),
  ];
  return (
    <aside className="controls" aria-label={t.controls} {...dragBind}>
      {children}
      <PresetPicker
        settings={settings}
        onPreset={onPreset}
        text={{ group: t.presets, modified: t.modified }}
        help={<Toggletip topic={PRESETS_TOPIC}>{CONTROL_EXPLANATIONS.preset}</Toggletip>}
      />

      <ControlGroup title={t.regularization}>
        {slider('dropout')}
        {choice('convention')}
        <div data-tour="weight-decay">{slider('weightDecay')}</div>
        {slider('l1')}
      </ControlGroup>
      <div className="settings-groups">
        <SettingsGroup title={t.optimization} summary={digest(settings, optimization)}>
          {choice('optimizer')}
          {slider('lrPlain')}
          {slider('lrRegularized')}
          {settings.optimizer === 'sgd' ? slider('momentum') : null}
        </SettingsGroup>
        <SettingsGroup title={t.network} summary={digest(settings, ['hidden', 'layers'])}>
          {slider('hidden')}
          {slider('layers')}
        </SettingsGroup>
        <SettingsGroup title={t.training} summary={digest(settings, ['epochs', 'every'])}>
          {number('epochs')}
          {number('every')}
        </SettingsGroup>
        <SettingsGroup title={t.data} summary={digest(settings, ['noise', 'points', 'seed'])}>
          {slider('noise')}
          {number('points')}
          {number('seed')}
        </SettingsGroup>
        <SettingsGroup title={t.backend} summary={t.backendOptions[backend]}>
          <div className="control choice">
            <div className="control-head">
              <label htmlFor="backend-pref">{t.backend}</label>
              <Toggletip topic={BACKEND_TOPIC}>{BACKEND_EXPLANATION}</Toggletip>
            </div>
            <select id="backend-pref" value={backend} onChange={(e) => onBackend(backendPreferenceOf(e.currentTarget.value))}>
              {(Object.keys(t.backendOptions) as BackendPreference[]).map((b) => (
                <option key={b} value={b}>
                  {t.backendOptions[b]}
                </option>
              ))}
            </select>
          </div>
        </SettingsGroup>
      </div>
      <p className="muted small">{t.resetNote}</p>
    </aside>
  );
}
