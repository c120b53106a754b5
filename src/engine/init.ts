// PyTorch's default nn.Linear initialisation, drawn from the project's one generator:
// kaiming_uniform(a=√5) on the weight is U(±1/√fan_in), and the bias is U(±1/√fan_in) too.
// Element i of parameter tensor k of init draw d (one per net) with seed s uses key (s, STREAM_INIT),
// counter (d·256 + k, i).

import type { Param } from './ops';
import { STREAM_INIT } from './plan';
import { threefry2x32, unitFloat } from './random/threefry';

export function initParams(params: readonly Param[], seed: number, draw = 0): Float32Array[] {
  return params.map((p, k) => {
    const bound = 1 / Math.sqrt(p.fanIn);
    const out = new Float32Array(p.rows * p.cols);
    for (let i = 0; i < out.length; i++) {
      const u = unitFloat(threefry2x32(seed, STREAM_INIT, draw * 256 + k, i)[0]);
      out[i] = (2 * u - 1) * bound;
    }
    return out;
  });
}
