// Command-line flags from the settings schema: --<cli-name> value, validated with clear errors.

import {
  SCHEMA,
  SETTING_NAMES,
  defaultSettings,
  presetSettings,
  requireValidSettings,
  type PresetName,
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

export function parseArgs(argv: readonly string[], extra: ExtraFlags): ParsedArgs {
  const byCli = new Map<string, SettingName>(SETTING_NAMES.map((n) => [SCHEMA[n].cli, n]));
  const raw: Record<string, string> = {};
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    let value = inline;
    const setting = byCli.get(name);
    const takesValue = setting !== undefined || extra[name] === true;
    if (setting === undefined && !(name in extra)) {
      const known = [...byCli.keys(), ...Object.keys(extra)].map((k) => `--${k}`).join(' ');
      throw new UsageError(`unknown flag --${name} (known: ${known})`);
    }
    if (takesValue && value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    }
    if (setting !== undefined) raw[setting] = value as string;
    else flags.set(name, value ?? true);
  }
  let base = defaultSettings();
  if (raw.preset !== undefined) {
    const preset = raw.preset.trim().toLowerCase();
    const known = SCHEMA.preset.options as readonly string[];
    if (!known.includes(preset)) throw new UsageError(`--preset ${raw.preset}: must be one of ${known.join(', ')}`);
    base = { ...base, ...presetSettings(preset as PresetName) };
  }
  try {
    return { settings: requireValidSettings(raw, base), flags, positional };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
