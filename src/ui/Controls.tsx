// Every control is generated from the settings schema: label (= accessible name), range, scale,
// default. Nothing about ranges is repeated here. The presets' labels and notes come from PRESET_INFO.

import { useId, useState, type ReactNode } from 'react';
import {
  PRESETS,
  PRESET_INFO,
  SCHEMA,
  coerceSetting,
  type ChoiceSpec,
  type NumberSpec,
  type PresetName,
  type SettingName,
  type Settings,
} from '../experiment/settings';
import { CONTROL_EXPLANATIONS } from './explanations';
import { formatValue, sliderGeometry, sliderKeyValue, sliderToValue, valueToSlider } from './slider-scale';
import { Toggletip } from './Toggletip';
import { matchesPreset } from './url-state';

type NumberName = { [K in SettingName]: Settings[K] extends number ? K : never }[SettingName];
type ChoiceName = Exclude<SettingName, NumberName>;

export type ChangeHandler = <K extends SettingName>(name: K, value: Settings[K]) => void;

const OPTION_LABELS: Record<string, string> = {
  adam: 'Adam',
  adamw: 'AdamW',
  sgd: 'SGD',
  inverted: 'inverted',
  vanilla: 'vanilla',
};

/** The mark of a setting whose change starts a new run, and what it means. */
export const RESET_HINT = { mark: '↺', meaning: 'changing this starts a new run from epoch 0' } as const;

function ResetHint({ name }: { name: SettingName }): ReactNode {
  if (SCHEMA[name].live) return null;
  return (
    <span className="reset-hint" role="img" aria-label={RESET_HINT.meaning} title={RESET_HINT.meaning}>
      {RESET_HINT.mark}
    </span>
  );
}

export function SliderControl({ name, settings, onChange }: { name: NumberName; settings: Settings; onChange: ChangeHandler }): ReactNode {
  const spec: NumberSpec = SCHEMA[name];
  const id = useId();
  const geometry = sliderGeometry(spec);
  const value = settings[name];
  const shown = formatValue(spec, value);
  return (
    <div className="control slider" data-setting={name}>
      <div className="control-head">
        <label htmlFor={id}>{spec.label}</label>
        <Toggletip topic={spec.label}>{CONTROL_EXPLANATIONS[name]}</Toggletip>
        <ResetHint name={name} />
        <output htmlFor={id} data-testid={`value-${name}`}>
          {shown}
          {spec.unit ? ` ${spec.unit}` : ''}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={geometry.min}
        max={geometry.max}
        step={geometry.step}
        value={valueToSlider(spec, value)}
        aria-valuetext={shown}
        title={spec.help}
        onChange={(e) => onChange(name, sliderToValue(spec, Number(e.currentTarget.value)))}
        onKeyDown={(e) => {
          if (e.altKey || e.ctrlKey || e.metaKey) return;
          const next = sliderKeyValue(spec, value, e.key);
          if (next === null) return;
          e.preventDefault();
          if (next !== value) onChange(name, next);
        }}
      />
    </div>
  );
}

/** A number field that commits (through the schema's coerce/clamp) on Enter or blur. */
export function NumberControl({ name, settings, onChange }: { name: NumberName; settings: Settings; onChange: ChangeHandler }): ReactNode {
  const spec: NumberSpec = SCHEMA[name];
  const id = useId();
  const value = settings[name];
  const [text, setText] = useState(String(value));
  const [note, setNote] = useState<string | null>(null);
  // a new value from outside (preset, link, reset hint) replaces the text being typed
  const [textOf, setTextOf] = useState(value);
  if (!Object.is(textOf, value)) {
    setTextOf(value);
    setText(String(value));
  }
  const commit = (): void => {
    const { value: v, correction } = coerceSetting(name, text);
    setNote(correction ? `${correction.reason}; using ${correction.used}` : null);
    setText(String(v));
    if (v !== value) onChange(name, v);
  };
  return (
    <div className="control number" data-setting={name}>
      <div className="control-head">
        <label htmlFor={id}>{spec.label}</label>
        <Toggletip topic={spec.label}>{CONTROL_EXPLANATIONS[name]}</Toggletip>
        <ResetHint name={name} />
        {spec.unit ? <span className="unit">{spec.unit}</span> : null}
      </div>
      <input
        id={id}
        type="number"
        inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
        min={spec.min}
        max={spec.max}
        step={spec.kind === 'integer' ? 1 : 'any'}
        value={text}
        title={spec.help}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {note ? (
        <div className="field-note" role="status">
          {note}
        </div>
      ) : null}
    </div>
  );
}

export function ChoiceControl({ name, settings, onChange }: { name: ChoiceName; settings: Settings; onChange: ChangeHandler }): ReactNode {
  const spec: ChoiceSpec = SCHEMA[name];
  const id = useId();
  return (
    <div className="control choice" data-setting={name}>
      <div className="control-head">
        <label htmlFor={id}>{spec.label}</label>
        <Toggletip topic={spec.label}>{CONTROL_EXPLANATIONS[name]}</Toggletip>
        <ResetHint name={name} />
      </div>
      <select
        id={id}
        value={settings[name]}
        title={spec.help}
        onChange={(e) => {
          const { value } = coerceSetting(name, e.currentTarget.value);
          onChange(name, value);
        }}
      >
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {OPTION_LABELS[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ControlGroup({ title, children }: { title: string; children: ReactNode }): ReactNode {
  return (
    <fieldset className="group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/** The presets a button picks (Custom is what any change makes). */
export const PICKABLE_PRESETS: readonly PresetName[] = PRESETS.filter((p) => p !== 'custom');

/** The picker's own words (the settings panel passes its catalog's); the presets' labels and notes are PRESET_INFO's. */
export interface PresetPickerText {
  readonly group: string;
  readonly modified: string;
}
const PRESET_TEXT: PresetPickerText = { group: 'Presets', modified: '(modified)' };

/** One button per preset, "(modified)" once a value differs from it, and the current preset's note. */
export function PresetPicker({
  settings,
  onPreset,
  text = PRESET_TEXT,
  help,
}: {
  settings: Settings;
  onPreset: (preset: PresetName) => void;
  text?: PresetPickerText;
  /** after the group's label: what the presets are (a toggletip) */
  help?: ReactNode;
}): ReactNode {
  const modified = settings.preset === 'custom' || !matchesPreset(settings);
  return (
    <div className="presets" role="group" aria-label={text.group}>
      <span className="presets-label">{text.group}</span>
      {help}
      {PICKABLE_PRESETS.map((p) => (
        <button key={p} type="button" aria-pressed={settings.preset === p} title={PRESET_INFO[p].note} onClick={() => onPreset(p)}>
          {PRESET_INFO[p].label}
        </button>
      ))}
      {modified ? <span className="muted small">{text.modified}</span> : null}
      <p className="preset-note small" data-testid="preset-note" data-preset={settings.preset}>
        {PRESET_INFO[settings.preset].note}
      </p>
    </div>
  );
}
