// A failure in plain words: one sentence that says what happened and what to do, and the engine's
// own message as details (shown on demand), so a raw engine, WebGPU or WebAssembly message is never
// the whole explanation.

import { isBackendError } from '../backends/backend';

export interface PlainError {
  /** the sentence the page shows */
  readonly message: string;
  /** the raw message, shown on demand (null when the sentence says it all) */
  readonly details: string | null;
}

function rawText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** WebAssembly could not grow or allocate its memory (the CPU backend's arena). */
function isWasmMemoryError(text: string): boolean {
  return /WebAssembly\.Memory|could not allocate memory|out of memory|Array buffer allocation failed|Invalid typed array length/i.test(
    text,
  );
}

/**
 * `what`: the job, capitalized, as the sentence's subject ("The sweep", "Training", "MC-dropout").
 */
export function plainError(e: unknown, what: string): PlainError {
  const raw = rawText(e);
  const reduce = 'Use fewer hidden units or layers, or a smaller job.';
  if (isBackendError(e)) {
    switch (e.kind) {
      case 'out-of-memory':
        return { message: `${what} needs more GPU memory than this device gives. ${reduce}`, details: raw };
      case 'device-lost':
        return {
          message: `${what} stopped: the GPU device was lost. Run it again (it runs on the CPU if the GPU stays unavailable).`,
          details: raw,
        };
      case 'no-webgpu':
      case 'no-adapter':
        return { message: `${what} cannot run on WebGPU here: this browser gives no usable GPU. Choose the CPU backend.`, details: raw };
      case 'shader-compile':
      case 'validation':
      case 'internal':
        return {
          message: `${what} failed inside the WebGPU backend. Try the CPU backend; the details below help a bug report.`,
          details: raw,
        };
    }
  }
  if (isWasmMemoryError(raw)) {
    return { message: `${what} needs more memory than the browser gave the CPU backend. ${reduce}`, details: raw };
  }
  if (e instanceof RangeError) return { message: `${what} cannot run with these settings: ${raw}`, details: null };
  return { message: `${what} stopped because of an unexpected error.`, details: raw };
}
