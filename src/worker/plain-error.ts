// A failure in plain words: one sentence that says what happened and what to do, and the engine's
// own message as details (shown on demand), so a raw engine, WebGPU or WebAssembly message is never
// the whole explanation. The sentence is a message (catalog key + parameters, src/ui/i18n), shown
// in the page's language; the details stay as the engine wrote them.

import { msg, type Message } from '../analysis/message';
import { isBackendError } from '../backends/backend';

/** The job a sentence is about, as its subject: "Training", "The sweep", "MC-dropout", … */
export type PlainJob = 'training' | 'mc-dropout' | 'sweep' | 'seeds' | 'parity';

export interface PlainError {
  /** the sentence the page shows */
  readonly message: Message;
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

/** `job`: the job the sentence is about (its subject, in the page's language). */
export function plainError(e: unknown, job: PlainJob): PlainError {
  const raw = rawText(e);
  const what = msg(`plain.subject.${job}`);
  if (isBackendError(e)) {
    switch (e.kind) {
      case 'out-of-memory':
        return { message: msg('plain.gpuMemory', { what }), details: raw };
      case 'device-lost':
        return { message: msg('plain.deviceLost', { what }), details: raw };
      case 'no-webgpu':
      case 'no-adapter':
        return { message: msg('plain.noWebgpu', { what }), details: raw };
      case 'shader-compile':
      case 'validation':
      case 'internal':
        return { message: msg('plain.webgpuFailed', { what }), details: raw };
    }
  }
  if (isWasmMemoryError(raw)) return { message: msg('plain.wasmMemory', { what }), details: raw };
  if (e instanceof RangeError) return { message: msg('plain.badSettings', { what, error: raw }), details: null };
  return { message: msg('plain.unexpected', { what }), details: raw };
}
