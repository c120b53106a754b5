// The page's whole state lives in the URL query (or, for links written that way, the hash):
// every schema setting that differs from its default, the backend preference, and own training
// points when there are any (`pts=x,y;x,y;…`, rounded to 1e-4 both in the link and in the run).
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

import { MAX_CSV_POINTS, parseCsvPoints } from '../analysis/csv';
import type { TrainingPoints } from '../experiment/types';
import { BACKEND_PREFERENCES, type BackendPreference } from '../experiment/backend-choice';
export type { BackendPreference };
/** the backend when the link names none (and never written into it) */
export const DEFAULT_BACKEND: BackendPreference = 'auto';

/** A backend preference from text (the link, the select): a known one, case-insensitive, else null. */
export function knownBackend(value: string): BackendPreference | null {
  const v = value.trim().toLowerCase();
  return BACKEND_PREFERENCES.find((p) => p === v) ?? null;
}

/** A backend preference from text, or the default (Auto) for anything else. */
export function backendPreferenceOf(value: string): BackendPreference {
  return knownBackend(value) ?? DEFAULT_BACKEND;
}
export const BACKEND_PARAM = 'backend';
export const POINTS_PARAM = 'pts';
/** own points are rounded to this many decimals, so the link holds exactly the points in use */
export const POINT_DECIMALS = 4;

export interface UrlState {
  readonly settings: Settings;
  readonly backend: BackendPreference;
  /** own training points from the link, or null for the settings' data */
  readonly points: TrainingPoints | null;
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

function roundCoordinate(v: number): number {
  const r = Number(v.toFixed(POINT_DECIMALS));
  return r === 0 ? 0 : r; // no "-0" in links
}

/** Own points as used and linked: every coordinate rounded to POINT_DECIMALS. */
export function roundPoints(p: TrainingPoints): TrainingPoints {
  return { x: p.x.map(roundCoordinate), y: p.y.map(roundCoordinate) };
}

/** `x,y;x,y;…` of rounded points. */
export function encodePoints(p: TrainingPoints): string {
  const r = roundPoints(p);
  return r.x.map((x, i) => `${x},${r.y[i]}`).join(';');
}

/** Parse a `pts` value; bad points are reported by their position and skipped. */
export function decodePoints(value: string): { points: TrainingPoints | null; notices: string[] } {
  const parsed = parseCsvPoints(value.split(';').join('\n'), { maxPoints: MAX_CSV_POINTS });
  const notices = parsed.errors.map((e) => `Training points (${POINTS_PARAM}): point ${e.line}: ${e.reason}`);
  if (parsed.x.length < 2) {
    notices.push(
      `Training points (${POINTS_PARAM}): ${parsed.x.length} valid point${parsed.x.length === 1 ? '' : 's'}, at least 2 are needed; using the settings’ data`,
    );
    return { points: null, notices };
  }
  return { points: roundPoints({ x: parsed.x, y: parsed.y }), notices };
}

/** Parse `location.search` / `location.hash` into validated settings. */
export function parseUrlState(search: string, hash = ''): UrlState {
  const q = search.replace(/^\?/, '');
  const h = hash.replace(/^#/, '');
  const source = q !== '' ? q : h.includes('=') ? h : '';
  const params = new URLSearchParams(source);
  const raw: Record<string, string> = {};
  const notices: string[] = [];
  let backend: BackendPreference = DEFAULT_BACKEND;
  let points: TrainingPoints | null = null;
  params.forEach((value, key) => {
    if (key === POINTS_PARAM) {
      const decoded = decodePoints(value);
      points = decoded.points;
      notices.push(...decoded.notices);
      return;
    }
    if (key === BACKEND_PARAM) {
      const known = knownBackend(value);
      if (known) backend = known;
      else notices.push(`Backend: “${truncate(value)}” → ${DEFAULT_BACKEND} (must be one of ${BACKEND_PREFERENCES.join(', ')})`);
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
  return { settings, backend, points, corrections, notices: lines };
}

/**
 * The canonical query string (without "?"): the preset when it is not the default one, every
 * setting that differs from what that preset starts from, the backend when not Auto, and own
 * points — so parseUrlState(buildQuery(s, b, p)) gives s, b and the rounded p back.
 */
export function buildQuery(settings: Settings, backend: BackendPreference, points: TrainingPoints | null = null): string {
  const base = presetBase(settings.preset);
  const params = new URLSearchParams();
  const preset = SCHEMA.preset.default;
  if (settings.preset !== preset) params.set('preset', settings.preset);
  for (const name of SETTING_NAMES) {
    if (name !== 'preset' && settings[name] !== base[name]) params.set(name, String(settings[name]));
  }
  if (backend !== DEFAULT_BACKEND) params.set(BACKEND_PARAM, backend);
  if (points) params.set(POINTS_PARAM, encodePoints(points));
  return params.toString();
}

/** Apply one control change through the schema (clamping, every ≤ epochs). */
export function applyChange<K extends SettingName>(
  current: Settings,
  name: K,
  value: Settings[K] | string,
): { settings: Settings; corrections: Correction[] } {
  const { settings, corrections } = resolveSettings({ [name]: value }, current);
  return { settings, corrections };
}

/** Apply a preset over the current settings (what it does not fix is kept). */
export function applyPreset(current: Settings, preset: PresetName): Settings {
  return resolveSettings({}, { ...current, ...presetSettings(preset) }).settings;
}
