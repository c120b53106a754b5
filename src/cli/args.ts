// Command-line flags from the settings schema: --<cli-name> value (or --name=value), validated
// with clear errors. Names are looked up in Maps (`--toString` is an unknown flag, not a property
// of an object), numbers must be decimal, a flag may be given once, single-dash long flags
// (`-epochs 5`) and positional arguments beyond what the command takes are refused.

import { decimalProblem } from '../analysis/decimal';
import {
  SCHEMA,
  SETTING_NAMES,
  defaultSettings,
  presetSettings,
  resolveSettings,
  type SettingName,
  type Settings,
} from '../experiment/settings';

export interface ParsedArgs {
  readonly settings: Settings;
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positional: readonly string[];
}

/** Flags that are not settings: name → takes a value. */
export type ExtraFlags = Readonly<Record<string, boolean>>;

export interface ArgsOptions {
  /** positional arguments the command takes (default 0: any is an error) */
  readonly positional?: number;
  /** what a positional argument is, for messages ("golden file") */
  readonly positionalName?: string;
}

const MAX_SHOWN = 40;
function shown(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

export function parseArgs(argv: readonly string[], extra: ExtraFlags, options: ArgsOptions = {}): ParsedArgs {
  const byCli = new Map<string, SettingName>(SETTING_NAMES.map((n) => [SCHEMA[n].cli, n]));
  const extraFlags = new Map<string, boolean>(Object.entries(extra));
  const known = (): string => [...byCli.keys(), ...extraFlags.keys()].map((k) => `--${k}`).join(' ');
  const raw = new Map<SettingName, string>();
  const flags = new Map<string, string | true>();
  const given = new Map<string, string>();
  const positional: string[] = [];
  let flagsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (flagsEnded || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      flagsEnded = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      const name = arg.slice(1).split('=')[0];
      const hint = byCli.has(name) || extraFlags.has(name) ? `; write --${name}` : '';
      throw new UsageError(`single-dash flag ${shown(arg)} is not read (flags start with --)${hint}`);
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    const setting = byCli.get(name);
    const extraTakesValue = extraFlags.get(name);
    if (setting === undefined && extraTakesValue === undefined) {
      throw new UsageError(`unknown flag --${shown(name)} (known: ${known()})`);
    }
    const takesValue = setting !== undefined || extraTakesValue === true;
    if (takesValue && value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    }
    if (!takesValue && value !== undefined) throw new UsageError(`--${name} takes no value (got "${shown(value)}")`);
    const previous = given.get(name);
    if (previous !== undefined) {
      throw new UsageError(`--${name} is given twice (${shown(previous)}, then ${shown(value ?? '')}); give it once`);
    }
    given.set(name, value ?? '');
    if (setting !== undefined) {
      const v = value ?? '';
      const problem = SCHEMA[setting].kind === 'choice' ? null : decimalProblem(v);
      if (problem !== null) throw new UsageError(`--${name} ${shown(v)}: ${problem}`);
      raw.set(setting, v);
    } else flags.set(name, value ?? true);
  }
  const allowed = options.positional ?? 0;
  if (positional.length > allowed) {
    const extraArgs = positional.slice(allowed).map((p) => `"${shown(p)}"`);
    throw new UsageError(
      allowed === 0
        ? `unexpected argument${extraArgs.length > 1 ? 's' : ''} ${extraArgs.slice(0, 5).join(' ')}: this command takes only --flags`
        : `unexpected argument${extraArgs.length > 1 ? 's' : ''} ${extraArgs.slice(0, 5).join(' ')}: give one ${options.positionalName ?? 'argument'}`,
    );
  }
  let base = defaultSettings();
  const presetValue = raw.get('preset');
  if (presetValue !== undefined) {
    const preset = presetValue.trim().toLowerCase();
    const presets = SCHEMA.preset.options;
    const match = presets.find((p) => p === preset);
    if (match === undefined) throw new UsageError(`--preset ${shown(presetValue)}: must be one of ${presets.join(', ')}`);
    base = { ...base, ...presetSettings(match) };
  }
  return { settings: strictSettings(raw, base), flags, positional };
}

/** The settings of the given flags, or a UsageError naming only the flags at fault. */
function strictSettings(raw: ReadonlyMap<SettingName, string>, base: Settings): Settings {
  const { settings, corrections } = resolveSettings(Object.fromEntries(raw), base);
  const describe = (c: (typeof corrections)[number]): string =>
    `${SCHEMA[c.name].label} (--${SCHEMA[c.name].cli}) = ${shown(c.given)}: ${c.reason}`;
  // a given flag's own problem first; a default that only follows from it (every > epochs) is not blamed
  const own = corrections.filter((c) => raw.has(c.name) && c.reason !== 'cannot exceed Epochs');
  const problems = own.length > 0 ? own : corrections;
  if (problems.length > 0) throw new UsageError(`invalid settings: ${problems.map(describe).join('; ')}`);
  return settings;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs a command's `main` and sets the exit status: its own code, or 2 after a plain "error: …"
 * (with the help text for a usage or range error) when it throws.
 */
export function runCommand(main: () => Promise<number>, help: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const err = e as Error;
      console.error(
        err instanceof UsageError || err instanceof RangeError ? `error: ${err.message}\n${help}` : `error: ${err.name}: ${err.message}`,
      );
      process.exitCode = 2;
    },
  );
}
