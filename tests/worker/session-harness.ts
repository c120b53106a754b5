// A TrainingSession on the CPU backend in Node, recording what it posts (the worker's messages).
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import type { Backend } from '../../src/backends/backend';
import type { BackendChoice, BackendPreference } from '../../src/experiment/backend-choice';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import type { Frame } from '../../src/experiment/types';
import type { PageToWorker, WorkerToPage } from '../../src/worker/protocol';
import { TrainingSession, type SessionEnvironment } from '../../src/worker/training-session';

export const SMALL: Settings = { ...defaultSettings(), hidden: 16, epochs: 200, every: 50 };

export interface Harness {
  readonly session: TrainingSession;
  readonly messages: WorkerToPage[];
  send(message: PageToWorker): void;
  /** frames of run `run` in the order posted (after the last `resumed` of that run, the void ones dropped) */
  frames(run: number): Frame[];
  lastRun(): number;
  of<T extends WorkerToPage['type']>(type: T): Extract<WorkerToPage, { type: T }>[];
  close(): Promise<void>;
}

/** A CPU backend that calls itself WebGPU, so the device-loss paths run without a GPU. */
export function losableCpu(): Backend {
  const cpu = createCpuBackend();
  return { ...cpu, name: 'webgpu', description: 'pretend GPU (CPU)' };
}

export function startHarness(
  settings: Settings,
  options: Partial<SessionEnvironment> & { onPost?: (m: WorkerToPage, h: Harness) => void; gpu?: boolean } = {},
): Harness {
  const messages: WorkerToPage[] = [];
  const pick = (preference: BackendPreference): Promise<BackendChoice> =>
    Promise.resolve(preference === 'webgpu' && options.gpu ? { backend: losableCpu() } : { backend: createCpuBackend() });
  let h: Harness | null = null;
  const session = new TrainingSession({
    pick,
    sliceMs: 20,
    ...options,
    post: (m) => {
      messages.push(m);
      if (h) options.onPost?.(m, h);
    },
  });
  const done = session.start();
  const of = <T extends WorkerToPage['type']>(type: T) => messages.filter((m): m is Extract<WorkerToPage, { type: T }> => m.type === type);
  h = {
    session,
    messages,
    send: (m) => session.receive(m),
    of,
    lastRun: () => Math.max(0, ...of('ready').map((r) => r.run)),
    frames: (run) => {
      let out: Frame[] = [];
      for (const m of messages) {
        if (m.type === 'frames' && m.run === run) out.push(...m.frames);
        if (m.type === 'resumed' && m.run === run) out = out.filter((f) => f.epoch <= m.epoch);
      }
      return out;
    },
    close: async () => {
      session.close();
      await done;
    },
  };
  session.receive({ type: 'init', settings, preference: options.gpu ? 'webgpu' : 'cpu' });
  return h;
}

/** A frame's predictions and losses as plain numbers (bit-for-bit comparisons). */
export function numbers(f: Frame): number[] {
  return f.nets.flatMap((n) => [n.testMse, n.trainMseEval, n.trainMse, n.penalty, ...n.gridPred, ...n.testPred]);
}

/** Every epoch's train loss of net `net`, from a run's frames (each holds the epochs since the previous one). */
export function lossSeries(frames: readonly Frame[], net: number): number[] {
  return frames.flatMap((f) => f.nets[net].lossHistory);
}
