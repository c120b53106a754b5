// The guided tour of the tutorial, as data: six steps, each with the settings it sets the page up
// with (a patch applied through the schema), the element it points at (a stable `data-tour`
// target the page puts on that element), a title and two or three sentences (catalog keys
// `tour.steps.<id>.*`, src/ui/i18n). Plus the step number's bounds for the link (`?tour=3`,
// parsed in url-state.ts).

import { msg, type Message } from '../analysis/message';
import { presetSettings, resolveSettings, type Settings } from '../experiment/settings';

/** The original tutorial's code (MorvanZhou's PyTorch tutorial, “Dropout 缓解过拟合”). */
export const TUTORIAL_URL = 'https://github.com/MorvanZhou/PyTorch-Tutorial/blob/master/tutorial-contents/503_dropout.py';
/** The cs231n notes on regularization (L2, L1, dropout: vanilla and inverted) that the tutorial follows. */
export const CS231N_URL = 'https://cs231n.github.io/neural-networks-2/#reg';

/** The elements the tour points at; the page marks each with `data-tour="<name>"`. */
export const TOUR_TARGETS = ['fit-chart', 'results-table', 'dropout-diagram', 'weight-decay', 'weights', 'seeds'] as const;
export type TourTarget = (typeof TOUR_TARGETS)[number];

export type TourLink = 'tutorial' | 'cs231n';

export interface TourStep {
  readonly id: string;
  /** catalog key of the title */
  readonly title: string;
  /** catalog keys of two or three sentences */
  readonly body: readonly string[];
  readonly target: TourTarget;
  /** the settings this step sets the page up with (applied over the current ones) */
  readonly patch: Partial<Settings>;
  readonly links: readonly TourLink[];
  /** a second setting the step invites the reader to try */
  readonly followUp?: { readonly label: string; readonly patch: Partial<Settings> };
}

/** The catalog keys of a step's n sentences (`tour.steps.<id>.body.1` …). */
function bodyKeys(id: string, n: number): readonly string[] {
  return Array.from({ length: n }, (_, i) => `tour.steps.${id}.body.${i + 1}`);
}

const tutorial = presetSettings('tutorial');

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'data',
    title: 'tour.steps.data.title',
    body: bodyKeys('data', 3),
    target: 'fit-chart',
    patch: tutorial,
    links: ['tutorial'],
  },
  {
    id: 'overfit',
    title: 'tour.steps.overfit.title',
    body: bodyKeys('overfit', 3),
    target: 'results-table',
    patch: tutorial,
    links: ['tutorial'],
  },
  {
    id: 'dropout',
    title: 'tour.steps.dropout.title',
    body: bodyKeys('dropout', 3),
    target: 'dropout-diagram',
    patch: { ...tutorial, dropout: 0.5, convention: 'inverted' },
    links: ['cs231n'],
  },
  {
    id: 'weight-decay',
    title: 'tour.steps.weight-decay.title',
    body: bodyKeys('weight-decay', 3),
    target: 'weight-decay',
    patch: presetSettings('weight-decay-helps'),
    links: ['cs231n'],
  },
  {
    id: 'l1',
    title: 'tour.steps.l1.title',
    body: bodyKeys('l1', 3),
    target: 'weights',
    patch: { ...tutorial, dropout: 0, l1: 1e-4 },
    links: ['cs231n'],
  },
  {
    id: 'seeds',
    title: 'tour.steps.seeds.title',
    body: bodyKeys('seeds', 3),
    target: 'seeds',
    patch: tutorial,
    links: ['tutorial'],
    followUp: { label: 'tour.steps.seeds.followUp', patch: presetSettings('dropout-helps') },
  },
];

export const TOUR_LENGTH = TOUR_STEPS.length;

/** Where each link of a step goes (its name is the catalog's `tour.links.<link>`). */
export const TOUR_URLS = { tutorial: TUTORIAL_URL, cs231n: CS231N_URL } satisfies Record<TourLink, string>;

/** Step n (1-based), or null outside 1…TOUR_LENGTH. */
export function tourStep(n: number): TourStep | null {
  return Number.isInteger(n) && n >= 1 && n <= TOUR_LENGTH ? TOUR_STEPS[n - 1] : null;
}

/** The settings after applying a patch through the schema (clamped; what it does not set is kept). */
export function applyTourPatch(current: Settings, patch: Partial<Settings>): Settings {
  return resolveSettings(patch, current).settings;
}

/** The `tour` link parameter as a step: a whole decimal number from 1 to TOUR_LENGTH, else a reason it is not. */
export function parseTourStep(value: string): { step: number } | { problem: Message } {
  const v = value.trim();
  const n = /^\d{1,3}$/.test(v) ? Number(v) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= TOUR_LENGTH) return { step: n };
  return { problem: msg('tour.stepRange', { max: TOUR_LENGTH }) };
}
