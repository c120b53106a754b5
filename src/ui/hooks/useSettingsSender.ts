// Sends setting changes to the worker, as the "On change" setting and the backend's speed decide:
// - shape or data changes: a new run, once the control settles (debounced);
// - live changes while playing with "Continue from here": at once, applied from the epoch on screen;
// - otherwise a replay from epoch 0 — when the slider is let go (or a keyboard change settles).
//   While a slider is dragged where a whole run takes ≤ PREVIEW_MAX_MS here, every input event
//   asks for the whole run's last frame instead (one request in flight: throttled to the compute
//   time), so the final curves follow the thumb.

import { useEffect, useRef } from 'react';
import type { Settings } from '../../experiment/settings';
import { diffSettings } from '../../experiment/settings-diff';
import type { ChangeMode, PageToWorker, RunCost } from '../../worker/protocol';
import type { RunView } from '../run-store';

/** A run that computes within this many ms is previewed while a slider is dragged. */
export const PREVIEW_MAX_MS = 150;
/** Debounce for changes that restart the run (a dragged "Hidden units" slider restarts once). */
const RESET_DEBOUNCE_MS = 250;
/** Debounce for keyboard (and other non-pointer) changes of live settings. */
const SETTLE_MS = 150;

export type SliderMode = 'preview' | 'on-release';

export function sliderMode(cost: RunCost | null): SliderMode {
  return cost !== null && cost.ms <= PREVIEW_MAX_MS ? 'preview' : 'on-release';
}

/** The slider mode of the run's measured or estimated cost (a string: what reads it changes only when the mode flips, not with every new cost). */
export const selectSliderMode = (v: RunView): SliderMode => sliderMode(v.worker.cost);

export interface SettingsSenderInput {
  readonly settings: Settings;
  readonly send: (message: PageToWorker) => void;
  /** whether the playhead plays (or waits for frames), read when a change is sent */
  readonly playing: () => boolean;
  readonly changeMode: ChangeMode;
  /** the epoch on screen (read when a change is sent) */
  readonly epoch: () => number;
  readonly dragging: boolean;
  /** the slider mode now (read when a change is sent: the page does not re-render when it changes) */
  readonly mode: () => SliderMode;
  /** a preview answer arrived (its settings), so the next may go */
  readonly previewed: Settings | null;
  /** a change was sent that applies from the epoch on screen (the playhead waits for it) */
  readonly onContinue: () => void;
}

function commit(sent: { current: Settings }, input: SettingsSenderInput, s: Settings, change: ChangeMode): void {
  sent.current = s;
  input.send({ type: 'settings', settings: s, change, atEpoch: Math.max(0, input.epoch()) });
}

export function useSettingsSender(input: SettingsSenderInput): void {
  const sent = useRef<Settings>(input.settings);
  const inFlight = useRef<Settings | null>(null);
  const wasDragging = useRef(false);
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
  });

  // every change of the settings, and the end of a drag
  const { settings, dragging } = input;
  useEffect(() => {
    const released = wasDragging.current && !dragging;
    wasDragging.current = dragging;
    const { playing, changeMode, mode, send } = latest.current;
    const diff = diffSettings(sent.current, settings);
    if (diff.live.length === 0 && diff.reset.length === 0) return;
    if (diff.reset.length > 0) {
      const timer = setTimeout(() => commit(sent, latest.current, settings, 'replay'), RESET_DEBOUNCE_MS);
      return () => clearTimeout(timer);
    }
    if (playing() && changeMode === 'continue') {
      commit(sent, latest.current, settings, 'continue');
      latest.current.onContinue();
      return;
    }
    if (dragging) {
      if (mode() === 'preview' && inFlight.current === null) {
        inFlight.current = settings;
        send({ type: 'preview', settings });
      }
      return;
    }
    if (released) {
      commit(sent, latest.current, settings, 'replay');
      return;
    }
    const timer = setTimeout(() => commit(sent, latest.current, settings, 'replay'), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [settings, dragging]);

  // a preview answered: the next one may go (the latest settings, if they moved on meanwhile)
  const { previewed } = input;
  useEffect(() => {
    if (previewed === null || inFlight.current === null) return;
    inFlight.current = null;
    const now = latest.current;
    if (now.dragging && now.mode() === 'preview' && diffSettings(previewed, now.settings).live.length > 0) {
      inFlight.current = now.settings;
      now.send({ type: 'preview', settings: now.settings });
    }
  }, [previewed]);

  // not dragging any more: nothing in flight counts
  useEffect(() => {
    if (!dragging) inFlight.current = null;
  }, [dragging]);
}
