// The BackendError a call throws or a promise rejects with, for tests that check its kind and message.
import { expect } from 'vitest';
import { BackendError } from '../../src/backends/backend';

export function thrownBackendError(f: () => unknown): BackendError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BackendError);
    return e as BackendError;
  }
  throw new Error('expected a BackendError to be thrown');
}

export async function rejectedBackendError(p: Promise<unknown>): Promise<BackendError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BackendError);
    return e as BackendError;
  }
  throw new Error('expected a rejection with a BackendError');
}
