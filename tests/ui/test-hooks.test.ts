// The test hooks exist only when asked for: ?testHooks=1 in the URL the page was loaded with, or a
// test build (import.meta.env.MODE 'test', as vitest runs this file). The e2e suite checks a
// production page without the parameter (tests/e2e/validation.test.ts).

import { describe, expect, it } from 'vitest';
import { TEST_HOOKS_PARAM, requestsTestHooks, testHooksEnabled } from '../../src/ui/test-hooks';

describe('test hooks', () => {
  it('are requested only by testHooks=1', () => {
    expect(TEST_HOOKS_PARAM).toBe('testHooks');
    expect(requestsTestHooks('?testHooks=1')).toBe(true);
    expect(requestsTestHooks('?dropout=0.2&testHooks=1')).toBe(true);
    expect(requestsTestHooks('')).toBe(false);
    expect(requestsTestHooks('?testHooks=0')).toBe(false);
    expect(requestsTestHooks('?testHooks=true')).toBe(false);
    expect(requestsTestHooks('?testhooks=1')).toBe(false);
    expect(requestsTestHooks('?xtestHooks=1')).toBe(false);
  });

  it('a test build has them (MODE is "test" here), a production build only when requested', () => {
    expect(import.meta.env.MODE).toBe('test');
    expect(testHooksEnabled()).toBe(true);
  });
});
