// The page's test hooks (window.__dropoutLab: the run's view, the playhead, chart snapshots,
// simulated device loss, …) exist only in a test build (vite --mode test) or when the page was opened with
// ?testHooks=1; a production page opened normally has none. The decision is made once, from the URL
// the page was loaded with (the page rewrites its URL to the canonical link right after).

import type { Settings } from '../experiment/settings';
import type { ChartDatasetSnapshot } from './chart-setup';
import type { PlayheadState } from './playback/playhead';
import type { RunView } from './run-store';

export const TEST_HOOKS_PARAM = 'testHooks';

export interface PlaybackProbe extends PlayheadState {
  /** the playhead's timeline: every frame's epoch, the tick it arrived on, the tick it was first shown (-1: never) */
  readonly epochs: readonly number[];
  readonly arrivedTick: readonly number[];
  readonly shownTick: readonly number[];
  /** animation frames the playhead has seen */
  readonly ticks: number;
}

export interface DropoutLabHooks {
  view(): RunView;
  settings(): Settings;
  playback(): PlaybackProbe;
  charts(): { main: ChartDatasetSnapshot[] | null; loss: ChartDatasetSnapshot[] | null };
  /** how far (px) a chart's points are from where its data put them (0: drawn at the data) */
  drawnOffBy(chart: string): number | null;
  /** the ticks a chart's axis drew ('loss', 'y'): value and label */
  ticks(chart: string, axis: string): { value: number; label: string }[] | null;
  fps(): number | null;
  simulateDeviceLoss(): void;
  /** the batch worker ('seeds', 'sweep' or 'parity') loses its device at its next checkpoint interval or case */
  simulateBatchDeviceLoss(name: string): boolean;
  /** viewport coordinates of a data point on a chart (pointer tests) */
  clientPoint(chart: string, x: number, y: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __dropoutLab?: DropoutLabHooks;
  }
}

/** Whether `search` (a location.search) asks for the test hooks. */
export function requestsTestHooks(search: string): boolean {
  return new URLSearchParams(search).get(TEST_HOOKS_PARAM) === '1';
}

const REQUESTED_AT_LOAD = typeof window !== 'undefined' && requestsTestHooks(window.location.search);

export function testHooksEnabled(): boolean {
  return import.meta.env.MODE === 'test' || REQUESTED_AT_LOAD;
}

/** Installs the hooks when they are enabled; gives the uninstall (a no-op when they are not). */
export function installTestHooks(make: () => DropoutLabHooks): () => void {
  if (!testHooksEnabled()) return () => {};
  window.__dropoutLab = make();
  return () => {
    delete window.__dropoutLab;
  };
}
