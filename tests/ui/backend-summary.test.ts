import { describe, expect, it } from 'vitest';
import { NO_WEBGPU } from '../../src/experiment/backend-choice';
import { SHORT_HEAD, backendSummary, splitReason } from '../../src/ui/backend-summary';
import type { BackendInfo } from '../../src/worker/protocol';

const cpu = (fallbackReason?: string): BackendInfo => ({ name: 'cpu', description: 'CPU ×2 workers (WebAssembly SIMD)', fallbackReason });

describe('backend summary: one line, details on demand', () => {
  it('no reason: the description as it is', () => {
    expect(backendSummary(cpu())).toEqual({ line: 'CPU ×2 workers (WebAssembly SIMD)', details: null });
    expect(backendSummary({ name: 'webgpu', description: 'WebGPU · nvidia hopper' })).toEqual({
      line: 'WebGPU · nvidia hopper',
      details: null,
    });
  });

  it('no WebGPU in the browser: a short line, the whole reason behind it', () => {
    const s = backendSummary(cpu(NO_WEBGPU));
    expect(s.line).toBe('CPU ×2 workers (WebGPU unavailable)');
    expect(s.details).toBe(NO_WEBGPU);
  });

  it('a software adapter, a lost device, a failed quick test, a slower GPU', () => {
    expect(backendSummary(cpu('WebGPU adapter is software (SwiftShader): 10× slower here'))).toEqual({
      line: 'CPU ×2 workers (WebGPU adapter is software (SwiftShader))',
      details: 'WebGPU adapter is software (SwiftShader): 10× slower here',
    });
    const failed = 'WebGPU failed in a quick test (GPUValidationError: a very long message from the driver that goes on and on)';
    expect(backendSummary(cpu(failed))).toEqual({ line: 'CPU ×2 workers (WebGPU failed in a quick test)', details: failed });
    expect(backendSummary(cpu('WebGPU is 1.8× slower here for this shape'))).toEqual({
      line: 'CPU ×2 workers (WebGPU is 1.8× slower here for this shape)',
      details: null,
    });
    expect(backendSummary(cpu('device lost: unknown'))).toEqual({
      line: 'CPU ×2 workers (WebGPU unavailable)',
      details: 'WebGPU unavailable: device lost: unknown',
    });
  });

  it('Auto choosing WebGPU keeps its reason in the line', () => {
    const s = backendSummary({
      name: 'webgpu',
      description: 'WebGPU · nvidia hopper',
      fallbackReason: 'Auto: 3.0× faster than CPU ×8 workers here',
    });
    expect(s).toEqual({ line: 'WebGPU · nvidia hopper (Auto)', details: 'Auto: 3.0× faster than CPU ×8 workers here' });
  });

  it('the line stays short whatever the reason', () => {
    const long = `WebGPU ${'x'.repeat(300)}`;
    const s = backendSummary(cpu(long));
    expect(s.line.length).toBeLessThanOrEqual('CPU ×2 workers ()'.length + SHORT_HEAD);
    expect(s.details).toBe(long);
  });

  it('splits at the first colon outside parentheses', () => {
    expect(splitReason('a (b: c): d: e')).toEqual({ head: 'a (b: c)', rest: 'd: e' });
    expect(splitReason('no colon')).toEqual({ head: 'no colon', rest: null });
  });
});
