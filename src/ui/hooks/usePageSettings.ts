// The page's setting edits: a single change, several at once (a sweep cell), a preset, new data
// (the next seed) and the own training points. Every edit goes through the schema (applyChange:
// clamped, corrections become notices) into the URL state; `latest` reads the newest settings
// and points between renders (a worker started for a new backend starts from them).

import { useCallback, useEffect, useRef, useState } from 'react';
import { SCHEMA, type PresetName, type Settings } from '../../experiment/settings';
import type { TrainingPoints } from '../../experiment/types';
import type { ChangeHandler } from '../Controls';
import type { RunStore } from '../run-store';
import { applyChange, applyPreset, describeCorrection, roundPoints } from '../url-state';
import type { UrlSync } from './useUrlSync';

export interface PageSettings {
  readonly settings: Settings;
  /** the newest settings and own points (also between a change and its render) */
  readonly latest: () => { settings: Settings; points: TrainingPoints | null };
  readonly onChange: ChangeHandler;
  /** several settings at once (a sweep cell: dropout and weight decay; a tour step) */
  readonly applyMany: (changes: Partial<Settings>) => void;
  readonly onPreset: (preset: PresetName) => void;
  /** a new noise draw: the next seed */
  readonly newData: () => void;
}

export function usePageSettings(url: UrlSync, store: RunStore): PageSettings {
  const { settings, setSettings, ownPoints } = url;
  const settingsRef = useRef(settings);
  const pointsRef = useRef(ownPoints);
  useEffect(() => {
    settingsRef.current = settings;
    pointsRef.current = ownPoints;
  }, [settings, ownPoints]);

  const commit = useCallback(
    (next: Settings) => {
      settingsRef.current = next;
      setSettings(next);
    },
    [setSettings],
  );

  const onChange: ChangeHandler = useCallback(
    (name, value) => {
      const { settings: next, corrections } = applyChange(settingsRef.current, name, value);
      for (const c of corrections) store.addNotice('info', describeCorrection(c));
      commit(next);
    },
    [store, commit],
  );

  const applyMany = useCallback(
    (changes: Partial<Settings>) => {
      let next = settingsRef.current;
      for (const [name, value] of Object.entries(changes) as [keyof Settings, Settings[keyof Settings]][]) {
        const r = applyChange(next, name, value);
        for (const c of r.corrections) store.addNotice('info', describeCorrection(c));
        next = r.settings;
      }
      commit(next);
    },
    [store, commit],
  );

  const onPreset = useCallback((preset: PresetName) => commit(applyPreset(settingsRef.current, preset)), [commit]);

  const newData = useCallback(() => {
    const seed = settingsRef.current.seed;
    onChange('seed', seed >= SCHEMA.seed.max ? 0 : seed + 1);
  }, [onChange]);

  const latest = useCallback(() => ({ settings: settingsRef.current, points: pointsRef.current }), []);
  return { settings, latest, onChange, applyMany, onPreset, newData };
}

export interface OwnPointsEditing {
  /** the fit chart is in point-editing mode */
  readonly editing: boolean;
  readonly setEditing: (on: boolean) => void;
  /** use these points (rounded as the link holds them), or the settings' data (null) */
  readonly apply: (points: TrainingPoints | null) => void;
  readonly use: (x: number[], y: number[]) => void;
  /** back to the generated data */
  readonly clear: () => void;
}

/** Own training points: pasted, edited on the chart, or cleared; each change restarts the run. */
export function useOwnPoints(url: UrlSync, send: (message: { type: 'data'; points: TrainingPoints | null }) => void): OwnPointsEditing {
  const { setOwnPoints } = url;
  const [editing, setEditing] = useState(false);
  const apply = useCallback(
    (points: TrainingPoints | null): void => {
      const used = points ? roundPoints(points) : null;
      setOwnPoints(used);
      send({ type: 'data', points: used });
    },
    [send, setOwnPoints],
  );
  const use = useCallback((x: number[], y: number[]) => apply({ x, y }), [apply]);
  const clear = useCallback(() => {
    setEditing(false);
    apply(null);
  }, [apply]);
  return { editing, setEditing, apply, use, clear };
}
