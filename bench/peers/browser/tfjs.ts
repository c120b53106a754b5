// TensorFlow.js 4.x, written the way its public API is meant to be used for a custom training loop:
// tf.variable parameters, tf.train.adam (betas 0.9/0.999, eps 1e-8 like PyTorch), and
// `optimizer.minimize` inside `tf.tidy` once per net per epoch; tf.dropout (inverted) after each
// hidden matMul, before the ReLU. The backend (webgpu, webgl, wasm, cpu) is chosen by the caller
// with tf.setBackend before the trainer is made.
//
// The seed's run: one model per net, as a user would write it. The grid: TF.js has no vmap, so the
// fastest honest way is to stack the 64 models by hand into batched matMuls ([64,20,300]·[64,300,300])
// with per-model dropout rates and weight decays, one Adam and one minimize per epoch (the summed
// loss gives each model exactly its own gradient, and Adam is element-wise).

import * as tf from '@tensorflow/tfjs';
import { transposed, type Job } from '../job';
import { trainerOf, type Trainer } from '../harness';

const BETA1 = 0.9,
  BETA2 = 0.999,
  EPS = 1e-8;

interface Layer {
  w: tf.Variable;
  b: tf.Variable;
}

/** Initial W (as [in][out]) and b (as [1][out]) tensors of one net, from PyTorch's layout. */
function initTensors(sizes: readonly number[], init: readonly Float32Array[]): { w: tf.Tensor2D; b: tf.Tensor2D }[] {
  const out = [];
  for (let i = 0; i < sizes.length - 1; i++) {
    const [fin, fout] = [sizes[i], sizes[i + 1]];
    out.push({ w: tf.tensor2d(transposed(init[2 * i], fout, fin), [fin, fout]), b: tf.tensor2d(init[2 * i + 1], [1, fout]) });
  }
  return out;
}

export function tfjsTrainer(job: Job, description: string): Promise<Trainer> {
  return Promise.resolve(job.kind === 'grid' ? stackedTrainer(job, description) : perNetTrainer(job, description));
}

function perNetTrainer(job: Job, description: string): Trainer {
  const x = tf.tensor2d(job.data.x, [job.data.x.length, 1]);
  const y = tf.tensor2d(job.data.y, [job.data.y.length, 1]);
  const testX = tf.tensor2d(job.data.testX, [job.data.testX.length, 1]);
  const testY = tf.tensor2d(job.data.testY, [job.data.testY.length, 1]);
  const inits = job.nets.map((n) => initTensors(job.sizes, n.init));
  const nets = inits.map((layers) => layers.map((l): Layer => ({ w: tf.variable(l.w.clone()), b: tf.variable(l.b.clone()) })));

  const forward = (layers: Layer[], input: tf.Tensor, pDrop: number): tf.Tensor => {
    let h = input;
    layers.forEach((l, i) => {
      h = tf.add(tf.matMul(h, l.w), l.b);
      if (i < layers.length - 1) {
        if (pDrop > 0) h = tf.dropout(h, pDrop);
        h = tf.relu(h);
      }
    });
    return h;
  };
  const mse = (pred: tf.Tensor, target: tf.Tensor) => tf.mean<tf.Scalar>(tf.squaredDifference(pred, target));

  const varLists = nets.map((layers) => layers.flatMap((l) => [l.w, l.b]));
  let optimizers: tf.Optimizer[] = [];
  return trainerOf(
    {
      description,
      async reset() {
        // initial weights, new optimizers (zero moments, t = 0)
        nets.forEach((layers, k) =>
          layers.forEach((l, i) => {
            l.w.assign(inits[k][i].w);
            l.b.assign(inits[k][i].b);
          }),
        );
        optimizers.forEach((o) => o.dispose());
        optimizers = job.nets.map((n) => tf.train.adam(n.lr, BETA1, BETA2, EPS));
        await Promise.all(varLists.flat().map((v) => v.data()));
      },
      train(n: number) {
        for (let t = 0; t < n; t++) {
          nets.forEach((layers, k) => {
            tf.tidy(() => {
              optimizers[k].minimize(() => mse(forward(layers, x, job.nets[k].pDrop), y), false, varLists[k]);
            });
          });
        }
      },
      async evaluate() {
        const losses = tf.tidy(() => tf.stack(nets.map((layers) => mse(forward(layers, testX, 0), testY))));
        const values = await losses.data();
        losses.dispose();
        return Array.from(values);
      },
      dispose() {
        optimizers.forEach((o) => o.dispose());
        tf.dispose([
          x,
          y,
          testX,
          testY,
          ...inits.flatMap((ls) => ls.flatMap((l) => [l.w, l.b])),
          ...nets.flatMap((ls) => ls.flatMap((l) => [l.w, l.b])),
        ]);
      },
    },
    job.every,
  );
}

function stackedTrainer(job: Job, description: string): Trainer {
  const M = job.nets.length;
  // the data, repeated per model, and the per-model hyperparameters as [M,1,1] tensors
  const rep = (v: Float32Array) => tf.tidy(() => tf.tile(tf.tensor3d(v, [1, v.length, 1]), [M, 1, 1]));
  const x = rep(job.data.x),
    y = rep(job.data.y),
    testX = rep(job.data.testX),
    testY = rep(job.data.testY);
  const pDrop = tf.tensor3d(
    job.nets.map((k) => k.pDrop),
    [M, 1, 1],
  );
  const keepScale = tf.tensor3d(
    job.nets.map((k) => 1 / (1 - k.pDrop)),
    [M, 1, 1],
  );
  const wd = tf.tensor1d(job.nets.map((k) => k.weightDecay));
  const lrs = new Set(job.nets.map((k) => k.lr));
  if (lrs.size !== 1) throw new RangeError('tfjs grid: one learning rate for all models (one Adam)');
  const lr = job.nets[0].lr;

  const layers = job.sizes.length - 1;
  const stackInit = (i: number, which: 'w' | 'b') => {
    const [fin, fout] = [job.sizes[i], job.sizes[i + 1]];
    const per = which === 'w' ? fin * fout : fout;
    const all = new Float32Array(M * per);
    job.nets.forEach((net, m) => all.set(which === 'w' ? transposed(net.init[2 * i], fout, fin) : net.init[2 * i + 1], m * per));
    return which === 'w' ? tf.tensor3d(all, [M, fin, fout]) : tf.tensor3d(all, [M, 1, fout]);
  };
  const inits = Array.from({ length: layers }, (_, i) => ({ w: stackInit(i, 'w'), b: stackInit(i, 'b') }));
  const vars = inits.map((l): Layer => ({ w: tf.variable(l.w.clone()), b: tf.variable(l.b.clone()) }));
  const varList = vars.flatMap((l) => [l.w, l.b]);

  const forward = (input: tf.Tensor3D, train: boolean): tf.Tensor3D => {
    let h: tf.Tensor3D = input;
    vars.forEach((l, i) => {
      h = tf.add(tf.matMul(h, l.w), l.b);
      if (i < layers - 1) {
        if (train) {
          const keep = tf.cast(tf.greaterEqual(tf.randomUniform(h.shape), pDrop), 'float32');
          h = tf.mul(h, tf.mul(keep, keepScale));
        }
        h = tf.relu(h);
      }
    });
    return h;
  };
  // Σ_m mse_m + Σ_m ½·wd_m·Σ p_m²  (the gradient of the second term is PyTorch's coupled wd·p)
  const loss = (): tf.Scalar => {
    const mse = tf.sum(tf.mean(tf.squaredDifference(forward(x, true), y), [1, 2]));
    const l2 = varList.map((v) => tf.sum(tf.mul(wd, tf.sum(tf.square(v), [1, 2]))));
    return tf.add<tf.Scalar>(mse, tf.mul(0.5, tf.addN(l2)));
  };

  let optimizer: tf.Optimizer | undefined;
  return trainerOf(
    {
      description,
      async reset() {
        vars.forEach((l, i) => {
          l.w.assign(inits[i].w);
          l.b.assign(inits[i].b);
        });
        optimizer?.dispose();
        optimizer = tf.train.adam(lr, BETA1, BETA2, EPS);
        await Promise.all(varList.map((v) => v.data()));
      },
      train(n: number) {
        for (let t = 0; t < n; t++)
          tf.tidy(() => {
            optimizer!.minimize(loss, false, varList);
          });
      },
      async evaluate() {
        const losses = tf.tidy(() => tf.mean(tf.squaredDifference(forward(testX, false), testY), [1, 2]));
        const values = await losses.data();
        losses.dispose();
        return Array.from(values);
      },
      dispose() {
        optimizer?.dispose();
        tf.dispose([x, y, testX, testY, pDrop, keepScale, wd, ...inits.flatMap((l) => [l.w, l.b]), ...varList]);
      },
    },
    job.every,
  );
}
