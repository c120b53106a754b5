// PyTorch's initial weights for the Tutorial preset's shape, fetched once from the packed asset
// (src/experiment/pytorch-tutorial-init.f32; Vite emits it next to the bundle).

import { hasPytorchInit } from '../experiment/pytorch-init';
import type { Settings } from '../experiment/settings';

let loading: Promise<ArrayBuffer | undefined> | null = null;

export function loadPytorchInit(settings: Settings): Promise<ArrayBuffer | undefined> {
  if (!hasPytorchInit(settings)) return Promise.resolve(undefined);
  loading ??= fetch(new URL('../experiment/pytorch-tutorial-init.f32', import.meta.url))
    .then((r) => (r.ok ? r.arrayBuffer() : undefined))
    .catch(() => undefined);
  return loading;
}
