// The settings schema: ONE table of every user-facing setting (name, type, default, range, scale,
// label, unit, what it does). It drives URL state, validation/clamping, the UI controls' ranges and
// labels, the CLI flags and the worker messages. (TF Playground's state table, plus ranges.)

export type SettingKind = 'number' | 'integer' | 'choice';
export type Scale = 'linear' | 'log0'; // log0: logarithmic slider that also offers exactly 0

interface BaseSpec {
  readonly label: string;
  readonly help: string;
  readonly cli: string;
  /** changing it keeps the tensor shapes, so it applies on the next epoch without a reset */
  readonly live: boolean;
}
export interface NumberSpec extends BaseSpec {
  readonly kind: 'number' | 'integer';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly scale: Scale;
  /** smallest non-zero value a log0 slider offers */
  readonly minPositive?: number;
  readonly unit?: string;
}
export interface ChoiceSpec<T extends string = string> extends BaseSpec {
  readonly kind: 'choice';
  readonly default: T;
  readonly options: readonly T[];
}
export type SettingSpec = NumberSpec | ChoiceSpec;

export const OPTIMIZERS = ['adam', 'adamw', 'sgd'] as const;
export const CONVENTIONS = ['inverted', 'vanilla'] as const;
export const PRESETS = ['tutorial', 'strong-overfitting', 'dropout-helps', 'weight-decay-helps', 'custom'] as const;
export type OptimizerSetting = (typeof OPTIMIZERS)[number];
export type Convention = (typeof CONVENTIONS)[number];
export type PresetName = (typeof PRESETS)[number];

export const SCHEMA = {
  preset: {
    kind: 'choice',
    label: 'Preset',
    cli: 'preset',
    live: false,
    default: 'tutorial',
    options: PRESETS,
    help:
      'tutorial: the PyTorch tutorial with its exact data; strong-overfitting: both nets at lr 0.01; dropout-helps and ' +
      'weight-decay-helps: noisier data (σ 0.5, 10 points) where dropout 0.7 or weight decay 0.05 wins over seeds',
  } satisfies ChoiceSpec<PresetName>,
  dropout: {
    kind: 'number',
    label: 'Dropout rate',
    cli: 'dropout',
    live: true,
    default: 0.5,
    min: 0,
    max: 0.9,
    scale: 'linear',
    help: 'probability of dropping each hidden unit of the regularized net while training',
  } satisfies NumberSpec,
  weightDecay: {
    kind: 'number',
    label: 'Weight decay',
    cli: 'weight-decay',
    live: true,
    default: 0,
    min: 0,
    max: 0.1,
    minPositive: 1e-6,
    scale: 'log0',
    help: "L2 regularization of the regularized net through the optimizer's weight_decay",
  } satisfies NumberSpec,
  l1: {
    kind: 'number',
    label: 'L1 strength',
    cli: 'l1',
    live: true,
    default: 0,
    min: 0,
    max: 0.01,
    minPositive: 1e-7,
    scale: 'log0',
    help: 'λ of the penalty λ·Σ|w| added to the regularized net’s loss',
  } satisfies NumberSpec,
  lrPlain: {
    kind: 'number',
    label: 'Learning rate (plain net)',
    cli: 'lr-plain',
    live: true,
    default: 0.001,
    min: 1e-5,
    max: 1,
    scale: 'log0',
    minPositive: 1e-5,
    help: 'learning rate of the plain (unregularized) net',
  } satisfies NumberSpec,
  lrRegularized: {
    kind: 'number',
    label: 'Learning rate (regularized net)',
    cli: 'lr',
    live: true,
    default: 0.01,
    min: 1e-5,
    max: 1,
    scale: 'log0',
    minPositive: 1e-5,
    help: 'learning rate of the regularized net',
  } satisfies NumberSpec,
  optimizer: {
    kind: 'choice',
    label: 'Optimizer',
    cli: 'optimizer',
    live: false,
    default: 'adam',
    options: OPTIMIZERS,
    help: 'Adam (coupled L2), AdamW (decoupled weight decay) or plain SGD',
  } satisfies ChoiceSpec<OptimizerSetting>,
  momentum: {
    kind: 'number',
    label: 'SGD momentum',
    cli: 'momentum',
    live: true,
    default: 0,
    min: 0,
    max: 0.99,
    scale: 'linear',
    help: 'momentum of SGD (ignored by Adam and AdamW)',
  } satisfies NumberSpec,
  convention: {
    kind: 'choice',
    label: 'Dropout convention',
    cli: 'convention',
    live: true,
    default: 'inverted',
    options: CONVENTIONS,
    help: 'inverted: scale kept units by 1/(1-p) while training; vanilla: scale by 1-p at test time',
  } satisfies ChoiceSpec<Convention>,
  hidden: {
    kind: 'integer',
    label: 'Hidden units',
    cli: 'hidden',
    live: false,
    default: 300,
    min: 8,
    max: 1024,
    scale: 'linear',
    help: 'width of each hidden layer',
  } satisfies NumberSpec,
  layers: {
    kind: 'integer',
    label: 'Hidden layers',
    cli: 'layers',
    live: false,
    default: 2,
    min: 1,
    max: 4,
    scale: 'linear',
    help: 'number of hidden layers',
  } satisfies NumberSpec,
  epochs: {
    kind: 'integer',
    label: 'Epochs',
    cli: 'epochs',
    live: true,
    default: 500,
    min: 1,
    max: 100000,
    scale: 'linear',
    help: 'full-batch training epochs',
  } satisfies NumberSpec,
  every: {
    kind: 'integer',
    label: 'Checkpoint every',
    cli: 'every',
    live: true,
    default: 50,
    min: 1,
    max: 10000,
    scale: 'linear',
    unit: 'epochs',
    help: 'evaluate both nets on the test points every this many epochs',
  } satisfies NumberSpec,
  noise: {
    kind: 'number',
    label: 'Noise',
    cli: 'noise',
    live: false,
    default: 0.3,
    min: 0,
    max: 2,
    scale: 'linear',
    help: 'standard deviation σ of the label noise in y = x + σ·N(0,1)',
  } satisfies NumberSpec,
  points: {
    kind: 'integer',
    label: 'Points',
    cli: 'points',
    live: false,
    default: 20,
    min: 2,
    max: 500,
    scale: 'linear',
    help: 'number of training points (and of test points)',
  } satisfies NumberSpec,
  seed: {
    kind: 'integer',
    label: 'Seed',
    cli: 'seed',
    live: false,
    default: 1,
    min: 0,
    max: 4294967295,
    scale: 'linear',
    help: 'seed of the data noise, the initial weights and the dropout masks',
  } satisfies NumberSpec,
} as const;

export type SettingName = keyof typeof SCHEMA;
export type Settings = {
  [K in SettingName]: (typeof SCHEMA)[K] extends ChoiceSpec<infer T> ? T : number;
};
export const SETTING_NAMES = Object.keys(SCHEMA) as SettingName[];

export function defaultSettings(): Settings {
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) out[name] = SCHEMA[name].default;
  return out as Settings;
}

/** A correction made while validating: what was asked, what was used, and why. */
export interface Correction {
  readonly name: SettingName;
  readonly given: string;
  readonly used: string;
  readonly reason: string;
}

/** Parse and clamp one raw value against its spec. Never throws; reports what it corrected. */
export function coerceSetting<K extends SettingName>(name: K, raw: unknown): { value: Settings[K]; correction?: Correction } {
  const spec: SettingSpec = SCHEMA[name];
  const given = String(raw);
  const fallback = spec.default as Settings[K];
  if (spec.kind === 'choice') {
    const s = String(raw).trim().toLowerCase();
    if (spec.options.includes(s)) return { value: s as Settings[K] };
    return { value: fallback, correction: { name, given, used: String(fallback), reason: `must be one of ${spec.options.join(', ')}` } };
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) {
    return { value: fallback, correction: { name, given, used: String(fallback), reason: 'not a finite number' } };
  }
  // -0 is 0 (a link writes it as "0"; found by the URL property test)
  let v = (spec.kind === 'integer' ? Math.round(n) : n) + 0;
  let reason = spec.kind === 'integer' && v !== n ? 'rounded to a whole number' : '';
  if (v < spec.min) {
    v = spec.min;
    reason = `below the minimum ${spec.min}`;
  }
  if (v > spec.max) {
    v = spec.max;
    reason = `above the maximum ${spec.max}`;
  }
  if (spec.scale === 'log0' && v > 0 && spec.minPositive !== undefined && v < spec.minPositive) {
    v = spec.minPositive;
    reason = `smallest non-zero value is ${spec.minPositive}`;
  }
  const value = v as Settings[K];
  return reason ? { value, correction: { name, given, used: String(v), reason } } : { value };
}

/** Validate a partial record (URL, CLI, message); unknown names are reported, missing ones defaulted. */
export function resolveSettings(
  raw: Readonly<Record<string, unknown>>,
  base: Settings = defaultSettings(),
): { settings: Settings; corrections: Correction[]; unknown: string[] } {
  const settings = { ...base } as Record<string, unknown>;
  const corrections: Correction[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    // own keys only: `toString`, `constructor` or `__proto__` are unknown names, not settings
    if (!Object.hasOwn(SCHEMA, key)) {
      unknown.push(key);
      continue;
    }
    const name = key as SettingName;
    const { value: v, correction } = coerceSetting(name, value);
    settings[name] = v;
    if (correction) corrections.push(correction);
  }
  const s = settings as Settings;
  if (s.every > s.epochs) {
    corrections.push({ name: 'every', given: String(s.every), used: String(s.epochs), reason: 'cannot exceed Epochs' });
    s.every = s.epochs;
  }
  return { settings: s, corrections, unknown };
}

/** Strict variant for the CLI and the engine API: throws with a clear message instead of clamping. */
export function requireValidSettings(raw: Readonly<Record<string, unknown>>, base?: Settings): Settings {
  const { settings, corrections, unknown } = resolveSettings(raw, base);
  const problems = [
    ...unknown.map((u) => `unknown setting "${u}"`),
    ...corrections.map((c) => `${SCHEMA[c.name].label} (--${SCHEMA[c.name].cli}) = ${c.given}: ${c.reason}`),
  ];
  if (problems.length) throw new RangeError(`invalid settings: ${problems.join('; ')}`);
  return settings;
}

/** The settings a preset fixes (applied over the current ones). */
export function presetSettings(preset: PresetName): Partial<Settings> {
  switch (preset) {
    case 'tutorial':
      return {
        preset,
        dropout: 0.5,
        weightDecay: 0,
        l1: 0,
        lrPlain: 0.001,
        lrRegularized: 0.01,
        optimizer: 'adam',
        momentum: 0,
        convention: 'inverted',
        hidden: 300,
        layers: 2,
        epochs: 500,
        every: 50,
        noise: 0.3,
        points: 20,
        seed: 1,
      };
    case 'strong-overfitting':
      return {
        preset,
        dropout: 0.5,
        weightDecay: 0,
        l1: 0,
        lrPlain: 0.01,
        lrRegularized: 0.01,
        optimizer: 'adam',
        momentum: 0,
        convention: 'inverted',
        hidden: 300,
        layers: 2,
        epochs: 500,
        every: 50,
        noise: 0.3,
        points: 20,
        seed: 1,
      };
    case 'dropout-helps':
    case 'weight-decay-helps':
      // found with scripts/preset-search.ts; the seed-band margins are in docs/PRESETS.md
      return {
        preset,
        dropout: preset === 'dropout-helps' ? 0.7 : 0,
        weightDecay: preset === 'weight-decay-helps' ? 0.05 : 0,
        l1: 0,
        lrPlain: 0.01,
        lrRegularized: 0.01,
        optimizer: 'adam',
        momentum: 0,
        convention: 'inverted',
        hidden: 100,
        layers: 2,
        epochs: 1000,
        every: 50,
        noise: 0.5,
        points: 10,
        seed: 1,
      };
    case 'custom':
      return { preset };
  }
}

/** What the page calls each preset, and a note on what it shows (one place for these strings). */
export const PRESET_INFO: Readonly<Record<PresetName, { readonly label: string; readonly note: string }>> = {
  tutorial: {
    label: 'Tutorial (exact)',
    note:
      'The tutorial’s exact data and nets. Dropout’s test gain here is within seed noise (see Seeds); the over-fitting ' +
      'gap and the dropout net’s smoother curve are real.',
  },
  'strong-overfitting': {
    label: 'Strong over-fitting',
    note: 'Both nets at lr 0.01 on the tutorial’s data: the plain net memorises faster. Only Seeds can tell whether dropout’s gain is real here.',
  },
  'dropout-helps': {
    label: 'Dropout helps',
    note:
      'σ 0.5, 10 points, 1→100→100→1 nets, 1000 epochs, both at lr 0.01; only dropout 0.7 differs. Over 16 seeds it wins ' +
      'beyond the seed-to-seed spread.',
  },
  'weight-decay-helps': {
    label: 'Weight decay helps',
    note:
      'As “Dropout helps”, with Adam’s weight_decay 0.05 (coupled L2) instead of dropout. Over 16 seeds it wins beyond the ' +
      'seed-to-seed spread.',
  },
  custom: {
    label: 'Custom',
    note: 'Your own setting: every value as you set it.',
  },
};
