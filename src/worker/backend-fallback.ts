// Backend bookkeeping shared by the training session and the batch worker: what the page shows
// about a backend, and ONE way to continue on the CPU when WebGPU fails or its device is lost
// (BackendSlot), so no caller branches on the backend's name.

import { BackendError, isBackendError, type Backend } from '../backends/backend';
import type { BackendChoice, PickOptions } from '../experiment/backend-choice';
import type { ProbeShape } from '../experiment/speed-probe';
import type { BackendInfo, BackendPreference } from './protocol';

/** What the page shows about a backend (`fallbackReason`: why it runs, when the page should say: a fallback, Auto's choice). */
export function backendInfoOf(backend: Backend, fallbackReason?: string): BackendInfo {
  return { name: backend.name, description: backend.description, fallbackReason };
}

/** The reason shown for a lost device: "WebGPU device lost: …", unless the cause says so already. */
export function deviceLostReason(cause: string): string {
  return /^WebGPU device lost/i.test(cause) ? cause : `WebGPU device lost: ${cause}`;
}

/** True for a backend whose device can be lost (a GPU): its users keep a state to restart from. */
export function canLoseDevice(backend: Backend): boolean {
  return backend.name === 'webgpu';
}

/** Opens a backend for a preference (pickBackend); `onLost` hears of a device lost while nothing was running. */
export type BackendPicker = (
  preference: BackendPreference,
  options: Pick<PickOptions, 'onLost' | 'shape' | 'measureSoftware'>,
) => Promise<BackendChoice>;

export interface SlotOptions {
  /** hears of a device lost while nothing was running */
  readonly onLost?: (e: BackendError) => void;
  /** the experiment Auto times to choose (default: the default settings' two nets) */
  readonly shape?: ProbeShape;
  /** false: Auto does not time a software adapter (the reason then names it only) */
  readonly measureSoftware?: boolean;
  /** what the slot was opened for, to tell when it can serve again (default: the preference) */
  readonly key?: string;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

/**
 * The backend a worker computes on, and the switch to the CPU in its place: after a lost device
 * (`recover`), or after any backend failure while creating an experiment (`recover` with
 * `anyFailure`). A test hook makes the next `throwIfSimulatedLoss` fail as a lost device would.
 */
export class BackendSlot {
  private simulated = false;

  private constructor(
    private current: Backend,
    private info_: BackendInfo,
    readonly preference: BackendPreference,
    readonly key: string,
    private msPerEpoch_: number | null,
    private readonly pick: BackendPicker,
  ) {}

  /** The backend the preference picks (Auto: for `options.shape`), with the reason the page shows. */
  static async open(preference: BackendPreference, pick: BackendPicker, options: SlotOptions = {}): Promise<BackendSlot> {
    const { onLost, shape, measureSoftware } = options;
    const picked = await pick(preference, { onLost, shape, measureSoftware });
    const info = backendInfoOf(picked.backend, picked.reason);
    return new BackendSlot(picked.backend, info, preference, options.key ?? preference, picked.msPerEpoch ?? null, pick);
  }

  get backend(): Backend {
    return this.current;
  }

  get info(): BackendInfo {
    return this.info_;
  }

  /** ms per epoch of the probed shape when the choice timed it (Auto), null otherwise or after a switch */
  get msPerEpoch(): number | null {
    return this.msPerEpoch_;
  }

  /** whether the device can be lost, so a state to restart from is worth keeping */
  get losable(): boolean {
    return canLoseDevice(this.current);
  }

  /** test hook: the next throwIfSimulatedLoss on a losable backend throws a lost device */
  simulateLoss(): void {
    this.simulated = true;
  }

  /** forgets a simulated loss that has not fired (it belonged to a run or job that ended) */
  clearSimulatedLoss(): void {
    this.simulated = false;
  }

  throwIfSimulatedLoss(): void {
    if (!this.simulated || !this.losable) return;
    this.simulated = false;
    throw new BackendError('device-lost', 'simulated device loss (test hook)');
  }

  /**
   * If `error` is a lost device of a losable backend (or, with `anyFailure`, any backend error of
   * one), switch to the CPU and return the reason now shown; otherwise null (the caller rethrows).
   */
  async recover(error: unknown, options: { anyFailure?: boolean } = {}): Promise<string | null> {
    if (!this.losable || !isBackendError(error)) return null;
    const lost = error.kind === 'device-lost';
    if (!lost && !options.anyFailure) return null;
    const reason = lost ? deviceLostReason(errorText(error)) : `WebGPU failed (${error.kind}): ${errorText(error)}`;
    const cpu = (await this.pick('cpu', {})).backend;
    try {
      this.current.dispose();
    } catch {
      // the lost device may refuse to be disposed; nothing to free then
    }
    this.current = cpu;
    this.info_ = backendInfoOf(cpu, reason);
    this.msPerEpoch_ = null;
    return reason;
  }

  dispose(): void {
    try {
      this.current.dispose();
    } catch {
      // a lost device's resources are gone already
    }
  }
}
