// The guided tour of the tutorial, as data: six steps, each with the settings it sets the page up
// with (a patch applied through the schema), the element it points at (a stable `data-tour`
// target the page puts on that element), a title and two or three sentences. Plus the step
// number's bounds for the link (`?tour=3`, parsed in url-state.ts). Every word of the tour is here.

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
  readonly title: string;
  /** two or three sentences */
  readonly body: readonly string[];
  readonly target: TourTarget;
  /** the settings this step sets the page up with (applied over the current ones) */
  readonly patch: Partial<Settings>;
  readonly links: readonly TourLink[];
  /** a second setting the step invites the reader to try */
  readonly followUp?: { readonly label: string; readonly patch: Partial<Settings> };
}

const tutorial = presetSettings('tutorial');

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'data',
    title: 'The data: y = x + noise',
    body: [
      'The dots are 20 training points on the line y = x plus Gaussian noise (σ 0.3), and 20 test points at the same x with fresh noise.',
      'Twenty points are few on purpose: a 1→300→300→1 net has about 91,000 weights, enough to pass through every training point, noise included.',
      'The best any net can do on the test points is the line itself.',
    ],
    target: 'fit-chart',
    patch: tutorial,
    links: ['tutorial'],
  },
  {
    id: 'overfit',
    title: 'The plain net over-fits',
    body: [
      'Press Play and watch the plain net’s curve bend towards single points.',
      'Its train MSE falls far below its test MSE: the table shows that gap (test − train) and the ratio.',
      'What it learnt from the noise does not carry over to new points; that is over-fitting.',
    ],
    target: 'results-table',
    patch: tutorial,
    links: ['tutorial'],
  },
  {
    id: 'dropout',
    title: 'Dropout: a new mask every update',
    body: [
      'In every update each hidden unit of the regularized net is dropped with probability p; the diagram greys the units this update’s mask drops.',
      'Inverted dropout (PyTorch’s) scales the kept units by 1/(1−p) while training, so nothing changes at test time; vanilla dropout, as the cs231n notes first present it, trains unscaled and multiplies by (1−p) at test time.',
      'Switch “Dropout convention” to see where the scaling happens.',
    ],
    target: 'dropout-diagram',
    patch: { ...tutorial, dropout: 0.5, convention: 'inverted' },
    links: ['cs231n'],
  },
  {
    id: 'weight-decay',
    title: 'L2 as weight decay',
    body: [
      'Weight decay pulls every weight towards zero, an L2 penalty: torch’s Adam adds weight_decay·w to the gradient before its moment estimates (coupled), while AdamW shrinks each weight by lr·weight_decay per step, outside them (decoupled).',
      'In “Weight decay helps”, Adam’s coupled decay of 0.05 beats the plain net over 16 seeds.',
      'Switch the optimizer to AdamW: at these learning rates its decoupled decay is too weak to matter, even at the slider’s maximum.',
    ],
    target: 'weight-decay',
    patch: presetSettings('weight-decay-helps'),
    links: ['cs231n'],
  },
  {
    id: 'l1',
    title: 'L1: sparse weights',
    body: [
      'L1 adds λ·Σ|w| to the regularized net’s loss.',
      'Its pull, λ·sign(w), is as strong on a small weight as on a large one, so it drives many weights to about zero, where L2 only shrinks them in proportion.',
      'Open the weights: most of the regularized net’s weights now sit within 0.001 of zero, a spike the plain net’s histograms do not have.',
    ],
    target: 'weights',
    patch: { ...tutorial, dropout: 0, l1: 1e-4 },
    links: ['cs231n'],
  },
  {
    id: 'seeds',
    title: 'Is the gain real?',
    body: [
      'One run proves little: another seed gives other initial weights and masks, and the test MSE moves by about as much as the gain.',
      'Run Seeds: 16 copies of each net give mean ± std bands, and on the tutorial’s exact setting they overlap, so dropout’s gain is within seed noise here.',
      'Then try “Dropout helps”, where the bands separate.',
    ],
    target: 'seeds',
    patch: tutorial,
    links: ['tutorial'],
    followUp: { label: 'Try “Dropout helps”', patch: presetSettings('dropout-helps') },
  },
];

export const TOUR_LENGTH = TOUR_STEPS.length;

export const TOUR_TEXT = {
  open: 'Tour',
  stepOf: (n: number) => `Step ${n} of ${TOUR_LENGTH}`,
  next: 'Next',
  back: 'Back',
  /** closes the tour (its name must not contain "tour": the opening button's name is "Tour") */
  close: 'Skip',
  finish: 'Finish',
  links: { tutorial: 'The original tutorial (in Chinese)', cs231n: 'cs231n notes: regularization' } satisfies Record<TourLink, string>,
  urls: { tutorial: TUTORIAL_URL, cs231n: CS231N_URL } satisfies Record<TourLink, string>,
} as const;

/** Step n (1-based), or null outside 1…TOUR_LENGTH. */
export function tourStep(n: number): TourStep | null {
  return Number.isInteger(n) && n >= 1 && n <= TOUR_LENGTH ? TOUR_STEPS[n - 1] : null;
}

/** The settings after applying a patch through the schema (clamped; what it does not set is kept). */
export function applyTourPatch(current: Settings, patch: Partial<Settings>): Settings {
  return resolveSettings(patch, current).settings;
}

/** The `tour` link parameter as a step: a whole decimal number from 1 to TOUR_LENGTH, else a reason it is not. */
export function parseTourStep(value: string): { step: number } | { problem: string } {
  const v = value.trim();
  const n = /^\d{1,3}$/.test(v) ? Number(v) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= TOUR_LENGTH) return { step: n };
  return { problem: `must be a whole number from 1 to ${TOUR_LENGTH}` };
}
