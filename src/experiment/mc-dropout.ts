// MC-dropout: T stochastic (train-mode, dropout on) forward passes of a trained net at test time.
// The engine has no stochastic eval program, so this runs T frozen copies of the net (active =
// false: the optimizer skips them) as the models of a small experiment whose "training inputs" are
// the prediction grid, with seeds seed+1..seed+T (own dropout masks), and reads the train-mode
// predictions of one epoch. Only the forward pass matters; nothing is updated. Large T runs in
// groups (`first`: the group's first sample): sample t always has seed seed+1+t, so the groups
// together give what one experiment of all T copies gives.

import type { Backend } from '../backends/backend';
import { Experiment, type NetSpec } from './runner';
import type { Settings } from './settings';

export class McDropout {
  /** train-mode passes drawn so far (each call draws new masks unless it names its draw) */
  private draws = 0;

  private constructor(
    private readonly exp: Experiment,
    readonly samples: number,
    private readonly key: string,
  ) {}

  static keyOf(settings: Settings, samples: number, gridX: readonly number[]): string {
    return `${settings.layers}x${settings.hidden}/${samples}/${gridX.length}`;
  }

  static async create(backend: Backend, settings: Settings, net: NetSpec, samples: number, gridX: readonly number[]): Promise<McDropout> {
    if (!Number.isInteger(samples) || samples < 1)
      throw new RangeError(`MC-dropout: a group must be a whole number ≥ 1 of samples, got ${samples}`);
    const zeros = gridX.map(() => 0);
    const nets: NetSpec[] = Array.from({ length: samples }, (_, t) => ({
      ...net,
      name: `${net.name}-mc${t}`,
      hyper: { ...net.hyper, seed: (net.hyper.seed + 1 + t) % 0x100000000, active: false },
    }));
    const exp = await Experiment.create({ ...settings, epochs: Math.max(settings.epochs, 1), every: 1 }, backend, {
      nets,
      gridPoints: 1,
      data: { x: gridX, y: zeros, testX: gridX.slice(0, 1), testY: [0] },
    });
    return new McDropout(exp, samples, McDropout.keyOf(settings, samples, gridX));
  }

  matches(settings: Settings, samples: number, gridX: readonly number[]): boolean {
    return this.key === McDropout.keyOf(settings, samples, gridX);
  }

  /**
   * `samples` prediction curves on the grid of the net with parameters `params` (plan order):
   * samples first, first + 1, … of T. `draw` (≥ 1) picks the dropout masks' step: the groups of one
   * request share it, so they give what one experiment of all T copies gives (default: the next
   * draw, new masks every call).
   */
  async sample(params: readonly Float32Array[], hyper: NetSpec['hyper'], first = 0, draw = this.draws + 1): Promise<number[][]> {
    if (!Number.isInteger(draw) || draw < 1) throw new RangeError(`MC-dropout: draw must be a whole number ≥ 1, got ${draw}`);
    this.draws = Math.max(this.draws, draw);
    this.exp.writeParameters(Array.from({ length: this.samples }, () => params));
    for (let t = 0; t < this.samples; t++)
      this.exp.setNetHyper(t, { ...hyper, seed: (hyper.seed + 1 + first + t) % 0x100000000, active: false });
    this.exp.seekFrozen(draw - 1);
    this.exp.train(1);
    return this.exp.trainModePredictions();
  }

  dispose(): void {
    this.exp.dispose();
  }
}
