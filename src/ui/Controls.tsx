// Every control is generated from the settings schema: label (= accessible name), range, scale,
// default. Nothing about ranges is repeated here. Labels, help and units come from the catalogs
// (`setting.<name>.*`, `option.*`), and so do the presets' labels and notes (`preset.<name>.*`).

import { useId, useState, type ReactNode } from 'react';
import {
  PRESETS,
  SCHEMA,
  coerceSetting,
  type ChoiceSpec,
  type NumberSpec,
  type PresetName,
  type SettingName,
  type Settings,
} from '../experiment/settings';
import { useLocale } from './i18n/useLocale';
import { formatValue, sliderGeometry, sliderKeyValue, sliderToValue, valueToSlider } from './slider-scale';
import { Toggletip } from './Toggletip';
import { matchesPreset } from './url-state';

type NumberName = { [K in SettingName]: Settings[K] extends number ? K : never }[SettingName];
type ChoiceName = Exclude<SettingName, NumberName>;

export type ChangeHandler = <K extends SettingName>(name: K, value: Settings[K]) => void;

function ResetHint({ name }: { name: SettingName }): ReactNode {
  const { t } = useLocale();
  if (SCHEMA[name].live) return null;
  return (
    <span className="reset-hint" role="img" aria-label={t('controls.resetHint')} title={t('controls.resetHint')}>
      ↺
    </span>
  );
}

export function SliderControl({ name, settings, onChange }: { name: NumberName; settings: Settings; onChange: ChangeHandler }): ReactNode {
  const spec: NumberSpec = SCHEMA[name];
  const id = useId();
  const { t } = useLocale();
  const geometry = sliderGeometry(spec);
  const value = settings[name];
  const shown = formatValue(spec, value);
  return (
    <div className="control slider" data-setting={name}>
      <div className="control-head">
        <label htmlFor={id}>{t(`setting.${name}.label`)}</label>
        <Toggletip topic={t(`setting.${name}.label`)}>{t(`explain.setting.${name}`)}</Toggletip>
        <ResetHint name={name} />
        <output htmlFor={id} data-testid={`value-${name}`}>
          {shown}
          {spec.unit ? ` ${t(`unit.${spec.unit}`)}` : ''}
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
        title={t(`setting.${name}.help`)}
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
  const { t, tm } = useLocale();
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
    setNote(correction ? t('controls.numberNote', { why: tm(correction.why), used: correction.used }) : null);
    setText(String(v));
    if (v !== value) onChange(name, v);
  };
  return (
    <div className="control number" data-setting={name}>
      <div className="control-head">
        <label htmlFor={id}>{t(`setting.${name}.label`)}</label>
        <Toggletip topic={t(`setting.${name}.label`)}>{t(`explain.setting.${name}`)}</Toggletip>
        <ResetHint name={name} />
        {spec.unit ? <span className="unit">{t(`unit.${spec.unit}`)}</span> : null}
      </div>
      <input
        id={id}
        type="number"
        inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
        min={spec.min}
        max={spec.max}
        step={spec.kind === 'integer' ? 1 : 'any'}
        value={text}
        title={t(`setting.${name}.help`)}
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
  const { t } = useLocale();
  return (
    <div className="control choice" data-setting={name}>
      <div className="control-head">
        <label htmlFor={id}>{t(`setting.${name}.label`)}</label>
        <Toggletip topic={t(`setting.${name}.label`)}>{t(`explain.setting.${name}`)}</Toggletip>
        <ResetHint name={name} />
      </div>
      <select
        id={id}
        value={settings[name]}
        title={t(`setting.${name}.help`)}
        onChange={(e) => {
          const { value } = coerceSetting(name, e.currentTarget.value);
          onChange(name, value);
        }}
      >
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {t(`option.${o}`)}
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

/** One button per preset, "(modified)" once a value differs from it, and the current preset's note. */
export function PresetPicker({
  settings,
  onPreset,
  help,
}: {
  settings: Settings;
  onPreset: (preset: PresetName) => void;
  /** after the group's label: what the presets are (a toggletip) */
  help?: ReactNode;
}): ReactNode {
  const { t } = useLocale();
  const modified = settings.preset === 'custom' || !matchesPreset(settings);
  return (
    <div className="presets" role="group" aria-label={t('controls.presets')}>
      <span className="presets-label">{t('controls.presets')}</span>
      {help}
      {PICKABLE_PRESETS.map((p) => (
        <button key={p} type="button" aria-pressed={settings.preset === p} title={t(`preset.${p}.note`)} onClick={() => onPreset(p)}>
          {t(`preset.${p}.label`)}
        </button>
      ))}
      {modified ? <span className="muted small">{t('controls.modified')}</span> : null}
      <p className="preset-note small" data-testid="preset-note" data-preset={settings.preset}>
        {t(`preset.${settings.preset}.note`)}
      </p>
    </div>
  );
}
