// The page's whole state lives in the URL query (or, for links written that way, the hash):
// every schema setting that differs from its default, plus the backend preference.
// Parsing never throws: every value goes through the schema (coerce/clamp) and what was
// corrected is reported so the page can show it.

import {
  PRESETS,
  SCHEMA,
  SETTING_NAMES,
  defaultSettings,
  presetSettings,
  resolveSettings,
  type Correction,
  type PresetName,
  type SettingName,
  type Settings,
} from '../experiment/settings';

import type { BackendPreference } from '../worker/protocol';
export type { BackendPreference };
export const BACKEND_PARAM = 'backend';

export interface UrlState {
  readonly settings: Settings;
  readonly backend: BackendPreference;
  readonly corrections: readonly Correction[];
  /** human-readable lines about what was corrected or ignored (empty when the URL was clean) */
  readonly notices: readonly string[];
}

/** The settings a preset starts from: the defaults with the preset's fixed values over them. */
export function presetBase(preset: PresetName): Settings {
  return { ...defaultSettings(), ...presetSettings(preset) };
}

/** True when the settings still hold every value their preset fixes. */
export function matchesPreset(s: Settings): boolean {
  const base = presetBase(s.preset);
  return SETTING_NAMES.every((k) => base[k] === s[k]);
}

export function describeCorrection(c: Correction): string {
  const label = SCHEMA[c.name].label;
  const given = c.given.length > 40 ? `${c.given.slice(0, 40)}…` : c.given;
  return `${label}: “${given}” → ${c.used} (${c.reason})`;
}

function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Parse `location.search` / `location.hash` into validated settings. */
export function parseUrlState(search: string, hash = ''): UrlState {
  const q = search.replace(/^\?/, '');
  const h = hash.replace(/^#/, '');
  const source = q !== '' ? q : h.includes('=') ? h : '';
  const params = new URLSearchParams(source);
  const raw: Record<string, string> = {};
  const notices: string[] = [];
  let backend: BackendPreference = 'webgpu';
  params.forEach((value, key) => {
    if (key === BACKEND_PARAM) {
      const v = value.trim().toLowerCase();
      if (v === 'webgpu' || v === 'cpu') backend = v;
      else notices.push(`Backend: “${truncate(value)}” → webgpu (must be one of webgpu, cpu)`);
      return;
    }
    raw[key] = value;
  });

  // A preset in the URL fixes its values first; explicit parameters then override them
  // (the same order as the CLI's --preset and flags).
  let base = defaultSettings();
  if (raw.preset !== undefined) {
    const p = raw.preset.trim().toLowerCase();
    if ((PRESETS as readonly string[]).includes(p)) base = presetBase(p as PresetName);
  }
  const { settings, corrections, unknown } = resolveSettings(raw, base);
  const lines = [...corrections.map(describeCorrection), ...notices, ...unknown.map((u) => `Ignored unknown setting “${truncate(u)}”`)];
  return { settings, backend, corrections, notices: lines };
}

/**
 * The canonical query string (without "?"): the preset when it is not the default one, and every
 * setting that differs from what that preset starts from — so parseUrlState(buildQuery(s)) is s.
 */
export function buildQuery(settings: Settings, backend: BackendPreference): string {
  const base = presetBase(settings.preset);
  const params = new URLSearchParams();
  const preset = SCHEMA.preset.default;
  if (settings.preset !== preset) params.set('preset', settings.preset);
  for (const name of SETTING_NAMES) {
    if (name !== 'preset' && settings[name] !== base[name]) params.set(name, String(settings[name]));
  }
  if (backend !== 'webgpu') params.set(BACKEND_PARAM, backend);
  return params.toString();
}

/** Apply one control change through the schema (clamping, every ≤ epochs). */
export function applyChange<K extends SettingName>(current: Settings, name: K, value: Settings[K] | string): { settings: Settings; corrections: Correction[] } {
  const { settings, corrections } = resolveSettings({ [name]: value }, current);
  return { settings, corrections };
}

/** Apply a preset over the current settings (what it does not fix is kept). */
export function applyPreset(current: Settings, preset: PresetName): Settings {
  return resolveSettings({}, { ...current, ...presetSettings(preset) }).settings;
}
