// `npm run train -- --preset tutorial [--backend cpu|webgpu] [--threads N|auto] [--epochs N] [--every 50] [--json]`
// Runs the seed's two-net experiment and prints a table per checkpoint (or one JSON object).
// "epoch N" = after N updates; checkpoints follow src/experiment/schedule.ts (0, 1, 1 + every, …, last).

import { NON_FINITE_JSON_NOTE, nonFiniteAsStrings } from '../analysis/export';
import { parseArgs, runCommand, UsageError } from './args';
import { backendNameOf, createNodeBackend, threadsOf } from './node-backend';
import { loadSeedRun, seedRunInit } from './pytorch-init';
import { hasPytorchInit } from '../experiment/pytorch-init';
import { Experiment, architecture, runSchedule } from '../experiment/runner';
import type { Checkpoint } from '../experiment/types';

const HELP = `usage: npm run train -- [--preset tutorial|strong-overfitting|dropout-helps|weight-decay-helps] [--backend cpu|webgpu] [--threads N|auto] [--epochs N] [--every N]
       [--dropout P] [--weight-decay WD] [--l1 L] [--lr LR] [--lr-plain LR] [--hidden H] [--layers L]
       [--optimizer adam|adamw|sgd] [--momentum M] [--convention inverted|vanilla] [--seed S]
       [--noise σ] [--points N] [--init pytorch|seeded] [--json]`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { backend: true, threads: true, json: false, init: true, help: false });
  if (args.flags.has('help')) {
    console.log(HELP);
    return 0;
  }
  const s = args.settings;
  const backendName = backendNameOf(args.flags.get('backend'));
  const threads = threadsOf(args.flags.get('threads'));
  const json = args.flags.has('json');
  const initFlag = String(args.flags.get('init') ?? 'auto');
  if (!['auto', 'pytorch', 'seeded'].includes(initFlag)) throw new UsageError(`--init ${initFlag}: must be pytorch or seeded`);

  const tutorialShape = hasPytorchInit(s);
  const seedRun = initFlag === 'seeded' ? undefined : loadSeedRun();
  if (initFlag === 'pytorch' && (!seedRun || !tutorialShape)) {
    throw new UsageError('--init pytorch needs the tutorial shape (1→300→300→1, 20 points, seed 1) and seed_run.json in GOLDEN_DIR');
  }
  const usePytorchInit = seedRun !== undefined && tutorialShape;

  let opened;
  try {
    opened = await createNodeBackend(backendName, { threads });
  } catch (e) {
    if (backendName !== 'webgpu') throw e;
    console.error(`WebGPU unavailable (${(e as Error).message}): falling back to the CPU backend`);
    opened = await createNodeBackend('cpu', { threads });
  }
  const { backend, close } = opened;
  try {
    const t0 = performance.now();
    let exp = await Experiment.create(s, backend);
    if (usePytorchInit) {
      const init = seedRunInit(seedRun, exp.parameterNames);
      exp.dispose();
      exp = await Experiment.create(s, backend, { initialParams: init });
    }
    const sizes = architecture(s).join('→');
    const names = exp.nets.map((n) => n.name);
    if (!json) {
      console.log(
        `Dropout Lab · preset ${s.preset} · ${backend.description} · ${names.length} nets ${sizes} · ${s.epochs} epochs · ` +
          `init ${usePytorchInit ? 'PyTorch (seed_run.json)' : `seeded (seed ${s.seed})`}`,
      );
      console.log(
        `nets: overfitting = plain, ${s.optimizer} lr ${s.lrPlain}; dropout = p ${s.dropout} (${s.convention}), ${s.optimizer} lr ${s.lrRegularized}, ` +
          `weight decay ${s.weightDecay}, L1 ${s.l1}`,
      );
      console.log(
        ['epoch', ...names.flatMap((n) => [`${n} train`, `${n} test`]), 'penalty', 'elapsed ms'].map((h) => h.padStart(17)).join(' '),
      );
    }
    const row = (c: Checkpoint) => {
      const cells = [
        String(c.epoch),
        ...c.nets.flatMap((n) => [fmt(n.trainMse), fmt(n.testMse)]),
        fmt(c.nets[c.nets.length - 1].penalty),
        c.elapsedMs.toFixed(0),
      ];
      console.log(cells.map((x) => x.padStart(17)).join(' '));
      for (const n of c.nets)
        if (n.divergedAt !== null && n.divergedAt > c.epoch - n.lossHistory.length) {
          console.log(`  ${n.name}: loss became NaN/Inf at epoch ${n.divergedAt}; its training stopped`);
        }
    };
    const checkpoints = await runSchedule(exp, s.epochs, s.every, json ? undefined : row);
    const elapsed = performance.now() - t0;
    if (json) {
      console.log(
        JSON.stringify(
          {
            backend: backend.name,
            description: backend.description,
            number_format: NON_FINITE_JSON_NOTE,
            settings: s,
            init: usePytorchInit ? 'pytorch' : 'seeded',
            checkpoints: checkpoints.map((c) => ({
              epoch: c.epoch,
              nets: Object.fromEntries(
                c.nets.map((n) => [
                  n.name,
                  {
                    train_mse: n.trainMse,
                    test_mse: n.testMse,
                    train_mse_eval: n.trainMseEval,
                    penalty: n.penalty,
                    diverged_at: n.divergedAt,
                  },
                ]),
              ),
            })),
            elapsed_ms: elapsed,
          },
          nonFiniteAsStrings,
        ),
      );
    } else {
      console.log(`total ${elapsed.toFixed(0)} ms (setup, ${s.epochs} epochs, ${checkpoints.length} checkpoint readbacks)`);
    }
    exp.dispose();
    return 0;
  } finally {
    close();
  }
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(6) : String(v);
}

runCommand(main, HELP);
