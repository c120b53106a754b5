// The toggletips' texts: for each control, what it does and what moving it should do to the
// curves; for each chart, what it shows and what to look for. One table, so a translation moves
// it into the catalogs whole. Colours named here are the charts' (plain net red, regularized net
// green, training points blue, test points orange).

import type { SettingName } from '../experiment/settings';

export const CONTROL_EXPLANATIONS: Record<SettingName, string> = {
  preset:
    'Tutorial (exact) is the PyTorch tutorial’s exact setting; Strong over-fitting trains both nets at learning rate 0.01, so the plain net over-fits sooner; Dropout helps and Weight decay helps use noisier, fewer points, where that regularizer wins over 16 seeds.',
  dropout:
    'The chance that each hidden unit of the regularized net is switched off in a training step. Raise it and the green curve gets smoother and its test loss lower, until it under-fits and flattens; at 0 it trains like the plain net.',
  weightDecay:
    'Pulls every weight of the regularized net toward 0 at each step (L2). More of it straightens the green curve and lowers its test loss, until it under-fits; its train loss rises.',
  l1: 'Adds λ·Σ|w| to the regularized net’s loss, pushing small weights to exactly 0 (see the weight histograms). More of it makes the green curve simpler; too much flattens it.',
  lrPlain:
    'Step size of the plain (red) net’s optimizer. Higher: it fits the training points, noise and all, sooner, and its test loss turns up earlier. Too high: the loss jumps or diverges.',
  lrRegularized:
    'Step size of the regularized (green) net’s optimizer. Higher: faster fitting and noisier loss curves; too high and the loss jumps or diverges.',
  optimizer:
    'Adam adds weight decay to the gradient (coupled L2), AdamW shrinks the weights directly, SGD takes plain gradient steps (slower; use momentum). The three differ most when weight decay is on.',
  momentum:
    'SGD only: how much of the previous step carries into the next. More momentum: faster, smoother descent of the loss; too much overshoots and the loss oscillates.',
  convention:
    'Where dropout’s scaling happens: inverted scales the kept units by 1/(1−p) while training (PyTorch’s way), vanilla scales by 1−p at test time. The fitted curves should look alike.',
  hidden:
    'Width of each hidden layer. Wider nets can bend more: the red curve chases the noise more closely and its test loss rises sooner. Epochs get slower.',
  layers: 'Number of hidden layers. Deeper nets bend more and over-fit faster; epochs get slower.',
  epochs:
    'How many full-batch training steps the run takes. More epochs give the plain net time to over-fit: its test loss climbs while its train loss keeps falling.',
  every:
    'How often, in epochs, both nets are evaluated on the test points: the test-loss points and the checkpoints. Smaller: finer test-loss curves, slightly slower runs.',
  noise:
    'σ in y = x + σ·N(0,1). More noise gives the nets more to over-fit, so the gap between the red and the green test loss grows; at 0 there is nothing to over-fit.',
  points:
    'Training points (and as many test points). With more points over-fitting is harder: the red curve gets smoother and the two test losses come closer.',
  seed: 'Draws the noise, the initial weights and the dropout masks. Another seed gives other points and other curves, but the same story.',
};

/** The presets' toggletip topic (not "Presets": test code finds the Reset button by a substring of its name). */
export const PRESETS_TOPIC = 'the ready-made settings';

/** The backend menu (not a setting of the run: only the speed changes). */
export const BACKEND_TOPIC = 'Backend';
export const BACKEND_EXPLANATION =
  'Where the nets train: WebGPU on your graphics card, or the CPU (WebAssembly). Auto picks the faster here. The curves are the same; only the speed differs.';

/** How the run plays (the transport's options). */
export const PLAYBACK_EXPLANATIONS = {
  speed:
    'How fast the computed epochs play: Slow, Tutorial and Fast show 25, 100 and 400 epochs a second; Max shows each frame as soon as it is computed. Only the pace changes, not the curves.',
  changeMode:
    'What moving a slider does while the run plays: replay the run from epoch 0 with the new setting (the previous run stays as a dashed ghost), or continue from the epoch on screen, so the curves bend from there.',
  compare: 'Draws the previous run dashed beside this one, curves and losses, so you can see what your last change did.',
} as const;

/** What each chart's toggletip is about (its button says "About …"). */
export const CHART_TOPICS = {
  fit: 'the fit chart',
  loss: 'the loss chart',
  checkpoints: 'the checkpoints',
  weights: 'the weight histograms',
  seeds: 'the seed bands',
  sweep: 'the grid sweep',
  parity: 'the parity check',
} as const;

/** What each playback option's toggletip is about. */
export const PLAYBACK_TOPICS = { speed: 'Speed', changeMode: 'what a change does', compare: 'comparing with the previous run' } as const;

export const CHART_EXPLANATIONS = {
  fit: 'Training points (blue), test points (orange) and each net’s prediction. The plain (red) net bends to pass through the noisy training points; the regularized (green) one should stay close to the line y = x.',
  loss: 'Mean squared error against epoch on a log scale: solid lines train loss, dashed test loss. Over-fitting shows as the red test loss rising while the red train loss keeps falling.',
  checkpoints: 'The fit at each checkpoint, oldest first. Open one to see it large.',
  weights:
    'Histograms of each layer’s weights. Weight decay narrows the green net’s histogram; L1 piles weights up at exactly 0 (their count is under each histogram).',
  seeds:
    'Trains K copies of each net with other seeds. The bands show mean ± standard deviation, so a difference wider than the bands is not luck.',
  sweep:
    'Each cell is a regularized net trained with that dropout rate (row) and weight decay (column); its colour is its test MSE, dark for low and yellow for high, and the lowest is outlined. Arrow keys move between cells; Enter loads one.',
  parity: 'Replays PyTorch’s own training steps from a golden file on this page’s backend and compares every loss, gradient and weight.',
} as const;
