// Which settings changes can be applied live and which reset the run (driven by the schema's
// `live` flag; the preset is not live: it decides the data, PyTorch's points or generated ones).

import { SCHEMA, SETTING_NAMES, type SettingName, type Settings } from './settings';

export interface SettingsDiff {
  /** changed settings that keep the tensor shapes (applied on the next epoch) */
  readonly live: readonly SettingName[];
  /** changed settings that need a new experiment (shapes, data, seed, optimizer) */
  readonly reset: readonly SettingName[];
}

export function diffSettings(prev: Settings, next: Settings): SettingsDiff {
  const live: SettingName[] = [];
  const reset: SettingName[] = [];
  for (const name of SETTING_NAMES) {
    if (prev[name] === next[name]) continue;
    (SCHEMA[name].live ? live : reset).push(name);
  }
  return { live, reset };
}

/** The same value for every setting. */
export function sameSettings(a: Settings, b: Settings): boolean {
  return SETTING_NAMES.every((name) => a[name] === b[name]);
}
