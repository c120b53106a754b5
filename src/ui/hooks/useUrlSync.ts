// The URL is the single source of the current setting: the page starts from it, and every change
// of the settings, the backend preference, the own training points or the open tour step is
// written back to it (`tour=N` while the tour is open, gone once it closes).

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

function writeUrl(settings: Settings, backend: BackendPreference, points: TrainingPoints | null, tour: number | null): void {
  const url = `${window.location.pathname}${buildLink(settings, backend, points, tour)}`;
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
  /** the guided tour's open step (1-based), or null while it is closed */
  readonly tour: number | null;
  readonly setTour: (step: number | null) => void;
  /** what the link held that had to be corrected or ignored */
  readonly notices: readonly string[];
  readonly dismissNotices: () => void;
}

export function useUrlSync(): UrlSync {
  const [initial] = useState(readUrl);
  const [settings, setSettings] = useState<Settings>(initial.settings);
  const [backend, setBackend] = useState<BackendPreference>(initial.backend);
  const [ownPoints, setOwnPoints] = useState<TrainingPoints | null>(initial.points);
  const [tour, setTour] = useState<number | null>(initial.tour ?? null);
  const [notices, setNotices] = useState<readonly string[]>(initial.notices);
  useEffect(() => writeUrl(settings, backend, ownPoints, tour), [settings, backend, ownPoints, tour]);
  return {
    settings,
    setSettings,
    backend,
    setBackend,
    ownPoints,
    setOwnPoints,
    tour,
    setTour,
    notices,
    dismissNotices: () => setNotices([]),
  };
}
