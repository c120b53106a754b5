// The guided tour's page side: its open step lives in the URL (useUrlSync's `tour`), entering a step
// applies the step's settings patch through the schema and opens the tab that holds its target
// (Weights, Seeds), and a link that opens the tour at step N (`?tour=N`) sets the page up for N once.

import { useCallback, useEffect, useRef } from 'react';
import type { Settings } from '../../experiment/settings';
import { labTabOfTarget, type LabTab } from '../LabTabs';
import { tourStep, type TourStep } from '../tour-steps';
import type { UrlSync } from './useUrlSync';

export interface TourControl {
  /** the open step (1-based), or null */
  readonly step: number | null;
  readonly onStep: (step: number | null) => void;
  readonly onApply: (patch: Partial<Settings>, step: TourStep) => void;
}

export function useTour(url: UrlSync, applyMany: (changes: Partial<Settings>) => void, openTab: (tab: LabTab) => void): TourControl {
  const { tour, setTour } = url;
  const onApply = useCallback(
    (patch: Partial<Settings>, step: TourStep) => {
      applyMany(patch);
      const tab = labTabOfTarget(step.target);
      if (tab) openTab(tab);
    },
    [applyMany, openTab],
  );
  // the step a link opened: set up once, on load
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    const step = tour === null ? null : tourStep(tour);
    if (step) onApply(step.patch, step);
  }, [tour, onApply]);
  return { step: tour, onStep: setTour, onApply };
}
