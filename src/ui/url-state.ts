// The page's whole state lives in the URL: every schema setting that differs from its default
// and the backend preference in the query, own training points in the hash (`#pts=x,y;x,y;…`,
// rounded to 1e-4 both in the link and in the run; servers never see a hash). Links of the older
// forms still open: settings in the hash when there is no query, and `pts` in the query.
// Parsing never throws and is bounded by the input: every value goes through the schema
// (coerce/clamp), names are looked up as own keys only (`toString`, `__proto__` are unknown
// settings), and what was corrected or ignored is reported, at most MAX_LISTED lines and then
// "… and N more". The guided tour's open step, when there is one, is in the query too (`tour=3`).

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
import { decimalProblem } from '../analysis/decimal';
import { LimitedList, MAX_LISTED, limitLines } from '../analysis/limited-list';
import type { TrainingPoints } from '../experiment/types';
import { TEST_HOOKS_PARAM } from './test-hooks';
import { BACKEND_PREFERENCES, type BackendPreference } from '../experiment/backend-choice';
import { parseTourStep } from './tour-steps';
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
/** the guided tour's open step (1-based); absent when the tour is closed */
export const TOUR_PARAM = 'tour';
export const POINTS_PARAM = 'pts';
/** own points are rounded to this many decimals, so the link holds exactly the points in use */
export const POINT_DECIMALS = 4;

export interface UrlState {
  readonly settings: Settings;
  readonly backend: BackendPreference;
  /** the guided tour's open step (1…TOUR_LENGTH); absent when the link opens no tour */
  readonly tour?: number;
  /** own training points from the link, or null for the settings' data */
  readonly points: TrainingPoints | null;
  readonly corrections: readonly Correction[];
  /**
   * human-readable lines about what was corrected or ignored (empty when the URL was clean): at
   * most MAX_LISTED, then one "… and N more"; pointWarning, when there is one, is among them
   */
  readonly notices: readonly string[];
  /** own points outside the chart's x range (used, but said), else null */
  readonly pointWarning: string | null;
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
  const label = Object.hasOwn(SCHEMA, c.name) ? SCHEMA[c.name].label : truncate(String(c.name));
  return `${label}: “${truncate(c.given)}” → ${c.used} (${c.reason})`;
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

/** The first `max` `;`-separated entries of `value` and how many entries follow them (no split of the whole). */
function firstEntries(value: string, max: number): { head: string; rest: number } {
  let end = -1;
  for (let n = 0; n < max; n++) {
    end = value.indexOf(';', end + 1);
    if (end < 0) return { head: value, rest: 0 };
  }
  let rest = 0;
  for (let i = end; i >= 0 && i < value.length - 1; i = value.indexOf(';', i + 1)) rest++;
  return { head: value.slice(0, end), rest };
}

/**
 * Parse a `pts` value: at most MAX_CSV_POINTS points are read (the rest are counted, not parsed);
 * bad points are reported by their position and skipped.
 */
export function decodePoints(value: string): { points: TrainingPoints | null; notices: string[]; warning: string | null } {
  const label = `Training points (${POINTS_PARAM})`;
  const { head, rest } = firstEntries(value, MAX_CSV_POINTS);
  const parsed = parseCsvPoints(head.split(';').join('\n'), { maxPoints: MAX_CSV_POINTS, lineWord: 'point' });
  if (parsed.refused !== null) {
    return { points: null, notices: [`${label}: refused, using the settings’ data. ${parsed.refused}`], warning: null };
  }
  const notices = parsed.errors.map((e) => `${label}: point ${e.line}: ${e.reason}`);
  if (parsed.moreErrors > 0) notices.push(`${label}: … and ${parsed.moreErrors.toLocaleString('en-US')} more bad points`);
  if (rest > 0) {
    notices.push(
      `${label}: the link holds ${(MAX_CSV_POINTS + rest).toLocaleString('en-US')} points; only the first ${MAX_CSV_POINTS} were read (the most a run takes)`,
    );
  }
  if (parsed.x.length < 2) {
    notices.push(
      `${label}: ${parsed.x.length} valid point${parsed.x.length === 1 ? '' : 's'}, at least 2 are needed; using the settings’ data`,
    );
    return { points: null, notices, warning: null };
  }
  return { points: roundPoints({ x: parsed.x, y: parsed.y }), notices, warning: parsed.warning ? `${label}: ${parsed.warning}` : null };
}

/** Every value of every name, in order (a name given twice keeps both, so the duplicate can be reported). */
function entriesOf(params: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  new URLSearchParams(params).forEach((value, key) => {
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  });
  return out;
}

function isSettingName(key: string): key is SettingName {
  return Object.hasOwn(SCHEMA, key);
}

/** The last of several values, and a notice that says which one was used. */
function lastOf(label: string, values: readonly string[], notices: LimitedList<string>): string {
  const used = values[values.length - 1];
  if (values.length > 1) {
    const given = values.slice(0, 3).map((v) => `“${truncate(v, 20)}”`);
    notices.add(
      `${label}: given ${values.length} times (${given.join(', ')}${values.length > 3 ? ', …' : ''}); the last one, “${truncate(used)}”, was used`,
    );
  }
  return used;
}

/** Parse `location.search` / `location.hash` into validated settings. Never throws. */
export function parseUrlState(search: string, hash = ''): UrlState {
  const query = entriesOf(search.replace(/^\?/, ''));
  const h = hash.replace(/^#/, '');
  const hashEntries = h.includes('=') ? entriesOf(h) : new Map<string, string[]>();
  const notices = new LimitedList<string>(MAX_LISTED);
  const queryHasSettings = [...query.keys()].some((k) => k !== POINTS_PARAM);
  // Settings come from the query; from the hash only in links written that way (no query).
  const source = queryHasSettings || hashEntries.size === 0 ? query : hashEntries;
  if (source === query) {
    const ignored = [...hashEntries.keys()].filter((k) => k !== POINTS_PARAM);
    if (ignored.length > 0 && queryHasSettings) {
      notices.add(
        `The link’s hash also holds settings (${ignored
          .slice(0, 5)
          .map((k) => truncate(k, 20))
          .join(', ')}${ignored.length > 5 ? ', …' : ''}); they were ignored: the settings come from the query`,
      );
    }
  }

  // Own points: the hash's (this form), else the query's (older links).
  let points: TrainingPoints | null = null;
  let pointWarning: string | null = null;
  const hashPts = hashEntries.get(POINTS_PARAM);
  const queryPts = query.get(POINTS_PARAM);
  const ptsValues = hashPts ?? queryPts;
  if (hashPts && queryPts) notices.add(`Training points (${POINTS_PARAM}): given in both the query and the hash; the hash’s were used`);
  if (ptsValues) {
    const decoded = decodePoints(lastOf(`Training points (${POINTS_PARAM})`, ptsValues, notices));
    points = decoded.points;
    pointWarning = decoded.warning;
    for (const n of decoded.notices) notices.add(n);
  }

  let backend: BackendPreference = DEFAULT_BACKEND;
  let tour: number | null = null;
  const raw = new Map<SettingName, string>();
  for (const [key, values] of source) {
    if (key === POINTS_PARAM || key === TEST_HOOKS_PARAM) continue; // testHooks: read by test-hooks.ts, not a setting
    if (key === BACKEND_PARAM) {
      const value = lastOf('Backend', values, notices);
      const known = knownBackend(value);
      if (known) backend = known;
      else notices.add(`Backend: “${truncate(value)}” → ${DEFAULT_BACKEND} (must be one of ${BACKEND_PREFERENCES.join(', ')})`);
      continue;
    }
    if (key === TOUR_PARAM) {
      const value = lastOf('Tour step', values, notices);
      const parsed = parseTourStep(value);
      if ('step' in parsed) tour = parsed.step;
      else notices.add(`Tour step (${TOUR_PARAM}): “${truncate(value)}” ${parsed.problem}; the tour was not opened`);
      continue;
    }
    if (!isSettingName(key)) {
      notices.add(`Ignored unknown setting “${truncate(key)}”`);
      continue;
    }
    const spec = SCHEMA[key];
    const value = lastOf(spec.label, values, notices);
    const problem = spec.kind === 'choice' ? null : decimalProblem(value);
    if (problem !== null) {
      notices.add(`${spec.label} (${key}): “${truncate(value)}” is ${problem}; it was ignored`);
      continue;
    }
    raw.set(key, value);
  }

  // A preset in the URL fixes its values first; explicit parameters then override them
  // (the same order as the CLI's --preset and flags).
  let base = defaultSettings();
  const preset = raw.get('preset')?.trim().toLowerCase();
  const knownPreset = PRESETS.find((p) => p === preset);
  if (knownPreset) base = presetBase(knownPreset);
  const { settings, corrections, unknown } = resolveSettings(Object.fromEntries(raw), base);
  for (const c of corrections) notices.add(describeCorrection(c));
  for (const u of unknown) notices.add(`Ignored unknown setting “${truncate(u)}”`);
  if (pointWarning !== null) notices.add(pointWarning);
  return {
    settings,
    backend,
    ...(tour !== null ? { tour } : {}),
    points,
    corrections,
    notices: limitLines(notices.items, MAX_LISTED, notices.more),
    pointWarning,
  };
}

/** `pts=x,y;…` for the hash (unencoded: digits, signs, points, commas and semicolons), or "" without own points. */
export function buildHash(points: TrainingPoints | null): string {
  return points ? `${POINTS_PARAM}=${encodePoints(points)}` : '';
}

/** The link's search and hash parts (`?query#pts=…`, either left out when empty); `tour`: the open tour step. */
export function buildLink(
  settings: Settings,
  backend: BackendPreference,
  points: TrainingPoints | null = null,
  tour: number | null = null,
): string {
  const q = buildQuery(settings, backend, tour);
  const h = buildHash(points);
  return `${q ? `?${q}` : ''}${h ? `#${h}` : ''}`;
}

/**
 * The canonical query string (without "?"): the preset when it is not the default one, every
 * setting that differs from what that preset starts from, the backend when not Auto, and the open
 * tour step — so parseUrlState(buildQuery(s, b, t), buildHash(p)) gives s, b, t and the rounded p back.
 */
export function buildQuery(settings: Settings, backend: BackendPreference, tour: number | null = null): string {
  const base = presetBase(settings.preset);
  const params = new URLSearchParams();
  const preset = SCHEMA.preset.default;
  if (settings.preset !== preset) params.set('preset', settings.preset);
  for (const name of SETTING_NAMES) {
    if (name !== 'preset' && settings[name] !== base[name]) params.set(name, String(settings[name]));
  }
  if (backend !== DEFAULT_BACKEND) params.set(BACKEND_PARAM, backend);
  if (tour !== null && 'step' in parseTourStep(String(tour))) params.set(TOUR_PARAM, String(tour));
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
