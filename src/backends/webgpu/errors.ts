// WebGPU errors -> typed BackendErrors: error scopes around the work that can fail
// (validation, out-of-memory, internal), WGSL compilation messages with their source lines.

import { BackendError, type BackendErrorKind } from '../backend';

const SCOPES: readonly { filter: GPUErrorFilter; kind: BackendErrorKind }[] = [
  { filter: 'internal', kind: 'internal' },
  { filter: 'out-of-memory', kind: 'out-of-memory' },
  { filter: 'validation', kind: 'validation' },
];

/** Runs `fn` inside validation / out-of-memory / internal error scopes and throws the first error caught. */
export async function withErrorScopes<T>(device: GPUDevice, what: string, fn: () => Promise<T>): Promise<T> {
  for (const s of SCOPES) device.pushErrorScope(s.filter);
  const outcome = await fn().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const caught: BackendError[] = [];
  for (const s of [...SCOPES].reverse()) {
    const err = await device.popErrorScope();
    if (err) caught.push(new BackendError(s.kind, `${what}: ${err.message}`));
  }
  if (!outcome.ok) throw outcome.error;
  const first = caught.find((e) => e.kind === 'out-of-memory') ?? caught[0];
  if (first) throw first;
  return outcome.value;
}

/** Pushes validation and out-of-memory scopes; the returned function pops them (synchronous pairs). */
export function openScopes(device: GPUDevice): () => Promise<BackendError | undefined> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  return () => {
    const v = device.popErrorScope();
    const o = device.popErrorScope();
    return Promise.all([v, o]).then(([ve, oe]) => {
      if (oe) return new BackendError('out-of-memory', oe.message);
      if (ve) return new BackendError('validation', ve.message);
      return undefined;
    });
  };
}

/** WGSL compile errors of a module as a BackendError('shader-compile'), or undefined when clean. */
export async function compileErrors(module: GPUShaderModule, label: string, code: string): Promise<BackendError | undefined> {
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length === 0) return undefined;
  const lines = code.split('\n');
  const text = errors.map((m) => `${label}:${m.lineNum}:${m.linePos}: ${m.message}\n    ${lines[m.lineNum - 1] ?? ''}`).join('\n');
  return new BackendError('shader-compile', `WGSL compilation failed: ${text}`, code);
}
