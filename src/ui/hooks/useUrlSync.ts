// The URL is the single source of the current setting: the page starts from it, and every change
// of the settings, the backend preference or the own training points is written back to it.

import { useEffect, useState } from 'react';
import { defaultSettings, type Settings } from '../../experiment/settings';
import type { TrainingPoints } from '../../experiment/types';
import { DEFAULT_BACKEND, buildLink, parseUrlState, type BackendPreference, type UrlState } from '../url-state';

function readUrl(): UrlState {
  try {
    return parseUrlState(window.location.search, window.location.hash);
  } catch (e) {
    return {
      settings: defaultSettings(),
      backend: DEFAULT_BACKEND,
      points: null,
      corrections: [],
      pointWarning: null,
      notices: [`The link could not be read (${String(e)}); using the defaults.`],
    };
  }
}

function writeUrl(settings: Settings, backend: BackendPreference, points: TrainingPoints | null): void {
  const url = `${window.location.pathname}${buildLink(settings, backend, points)}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, '', url);
}

export interface UrlSync {
  readonly settings: Settings;
  readonly setSettings: (s: Settings) => void;
  readonly backend: BackendPreference;
  readonly setBackend: (b: BackendPreference) => void;
  /** own training points (CSV, chart edits, the link), rounded as the link holds them */
  readonly ownPoints: TrainingPoints | null;
  readonly setOwnPoints: (p: TrainingPoints | null) => void;
  /** what the link held that had to be corrected or ignored */
  readonly notices: readonly string[];
  readonly dismissNotices: () => void;
}

export function useUrlSync(): UrlSync {
  const [initial] = useState(readUrl);
  const [settings, setSettings] = useState<Settings>(initial.settings);
  const [backend, setBackend] = useState<BackendPreference>(initial.backend);
  const [ownPoints, setOwnPoints] = useState<TrainingPoints | null>(initial.points);
  const [notices, setNotices] = useState<readonly string[]>(initial.notices);
  useEffect(() => writeUrl(settings, backend, ownPoints), [settings, backend, ownPoints]);
  return { settings, setSettings, backend, setBackend, ownPoints, setOwnPoints, notices, dismissNotices: () => setNotices([]) };
}
