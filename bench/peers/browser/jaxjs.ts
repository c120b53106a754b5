// jax-js (@jax-js/jax), written as JAX code would be: a pure loss function, valueAndGrad, Adam's
// update written out (optax is a separate package, not installed here; this is what optax.adam
// computes, with PyTorch's eps placement), the whole train step under jit, the state threaded
// through it, dropout masks from random.bernoulli with keys split inside the step. jax-js counts
// references: every use of an array consumes it, `.ref` keeps it alive (see its README).
//
// The seed's run: one jit'ed step per net (each net has its own rate and dropout p). The grid:
// jit(vmap(step)) over the 64 models, with per-model dropout p and weight decay as batched inputs.
// The device (webgpu, wasm) is chosen by the caller with defaultDevice() before the trainer is made.

import { jit, nn, numpy as np, random, tree, valueAndGrad, vmap } from '@jax-js/jax';
import { transposed, type Job } from '../job';
import { trainerOf, type Trainer } from '../harness';

type Arr = np.Array;
const BETA1 = 0.9,
  BETA2 = 0.999,
  EPS = 1e-8;

/** Inverted dropout: keep with probability 1-p and scale kept units by 1/(1-p). p: number or traced scalar. */
function dropout(h: Arr, key: Arr, p: number | Arr): Arr {
  const shape = h.shape;
  if (typeof p === 'number') {
    const keep = random.bernoulli(key, 1 - p, shape);
    return np.where(keep, h.mul(1 / (1 - p)), 0);
  }
  const keepP = np.subtract(1, p);
  const keep = random.bernoulli(key, keepP.ref, shape);
  return np.where(keep, h.div(keepP), 0);
}

/** MLP forward with ReLU; dropout after each hidden Linear (before the ReLU) when keys are given. */
function forward(params: Arr[], x: Arr, keys: Arr[] | null, p: number | Arr | null): Arr {
  const layers = params.length / 2;
  let h = x;
  for (let i = 0; i < layers; i++) {
    h = np.dot(h, params[2 * i]).add(params[2 * i + 1]);
    if (i < layers - 1) {
      if (keys && p !== null) h = dropout(h, keys[i], typeof p === 'number' ? p : p.ref);
      h = nn.relu(h);
    }
  }
  if (p !== null && typeof p !== 'number') p.dispose();
  return h;
}

function mse(pred: Arr, target: Arr): Arr {
  return np.square(pred.sub(target)).mean();
}

/**
 * One Adam step (torch.optim.Adam with coupled weight decay): the train-mode loss, its gradient,
 * the moment updates and the parameter update. Returns the new state; consumes its inputs.
 * `p` and `wd` are numbers (compile-time constants) or traced scalars (the vmapped grid).
 */
function adamStep(lr: number, p: number | Arr, wd: number | Arr, hidden: number) {
  return (params: Arr[], m: Arr[], v: Arr[], t: Arr, key: Arr, x: Arr, y: Arr): [Arr[], Arr[], Arr[], Arr, Arr] => {
    const dropP = typeof p === 'number' ? (p > 0 ? p : null) : p;
    let next = key;
    let dropKeys: Arr[] = [];
    if (dropP !== null) [next, ...dropKeys] = random.split(key, hidden + 1);
    const lossFn = (ps: Arr[], xs: Arr, ys: Arr, ks: Arr[]) =>
      mse(forward(ps, xs, ks.length ? ks : null, dropP === null ? null : typeof dropP === 'number' ? dropP : dropP.ref), ys);
    const [loss, grads] = valueAndGrad(lossFn)(tree.ref(params), x, y, dropKeys);
    loss.dispose();
    if (dropP !== null && typeof dropP !== 'number') dropP.dispose();
    const t1 = t.add(1);
    const stepSize = np.divide(lr, np.subtract(1, np.power(BETA1, t1.ref)));
    const denomScale = np.sqrt(np.subtract(1, np.power(BETA2, t1.ref)));
    const newP: Arr[] = [],
      newM: Arr[] = [],
      newV: Arr[] = [];
    params.forEach((param, i) => {
      let g = grads[i];
      if (typeof wd !== 'number') g = g.add(param.ref.mul(wd.ref));
      else if (wd !== 0) g = g.add(param.ref.mul(wd));
      const mi = m[i].mul(BETA1).add(g.ref.mul(1 - BETA1));
      const vi = v[i].mul(BETA2).add(g.ref.mul(g).mul(1 - BETA2));
      const update = mi.ref.mul(stepSize.ref).div(np.sqrt(vi.ref).div(denomScale.ref).add(EPS));
      newP.push(param.sub(update));
      newM.push(mi);
      newV.push(vi);
    });
    stepSize.dispose();
    denomScale.dispose();
    if (typeof wd !== 'number') wd.dispose();
    return [newP, newM, newV, t1, next];
  };
}

interface State {
  params: Arr[];
  m: Arr[];
  v: Arr[];
  t: Arr;
  key: Arr;
}
const leaves = (s: State): Arr[] => [...s.params, ...s.m, ...s.v, s.t, s.key];

/** Parameters of one net in x·W layout: W [in][out], b [out]. */
function netArrays(sizes: readonly number[], init: readonly Float32Array[]): { data: Float32Array; shape: number[] }[] {
  const out = [];
  for (let i = 0; i < sizes.length - 1; i++) {
    const [fin, fout] = [sizes[i], sizes[i + 1]];
    out.push({ data: transposed(init[2 * i], fout, fin), shape: [fin, fout] });
    out.push({ data: init[2 * i + 1], shape: [fout] });
  }
  return out;
}

export function jaxjsTrainer(job: Job, description: string): Promise<Trainer> {
  return Promise.resolve(job.kind === 'grid' ? vmappedTrainer(job, description) : perNetTrainer(job, description));
}

/** The values of a float32 array. (jax-js's DataArray type names Float16Array, which the ES2022 lib lacks.) */
async function float32Data(a: Arr): Promise<Float32Array> {
  return (await a.data()) as Float32Array;
}

function column(v: Float32Array): Arr {
  return np.array(v).reshape([v.length, 1]);
}

function perNetTrainer(job: Job, description: string): Trainer {
  const hidden = job.sizes.length - 2;
  const x = column(job.data.x),
    y = column(job.data.y),
    testX = column(job.data.testX),
    testY = column(job.data.testY);
  const inits = job.nets.map((n) => netArrays(job.sizes, n.init));
  const steps = job.nets.map((n) => jit(adamStep(n.lr, n.pDrop, n.weightDecay, hidden)));
  const evalMse = jit((params: Arr[], xs: Arr, ys: Arr) => mse(forward(params, xs, null, null), ys));

  const fresh = (k: number, seed: number): State => ({
    params: inits[k].map((a) => np.array(a.data).reshape(a.shape)),
    m: inits[k].map((a) => np.zeros(a.shape)),
    v: inits[k].map((a) => np.zeros(a.shape)),
    t: np.array(0),
    key: random.key(seed),
  });

  let states: State[] = [];
  return trainerOf(
    {
      description,
      async reset() {
        states.forEach((st) => tree.dispose(leaves(st)));
        states = job.nets.map((_, k) => fresh(k, 1 + k));
        await Promise.all(states.flatMap(leaves).map((a) => a.blockUntilReady()));
      },
      train(n: number) {
        for (let t = 0; t < n; t++) {
          states.forEach((st, k) => {
            [st.params, st.m, st.v, st.t, st.key] = steps[k](st.params, st.m, st.v, st.t, st.key, x.ref, y.ref);
          });
        }
      },
      async evaluate() {
        const losses = np.stack(states.map((st) => evalMse(tree.ref(st.params), testX.ref, testY.ref)));
        return Array.from(await float32Data(losses));
      },
      dispose() {
        states.forEach((st) => tree.dispose(leaves(st)));
        tree.dispose([x, y, testX, testY]);
        steps.forEach((st) => st.dispose());
        evalMse.dispose();
      },
    },
    job.every,
  );
}

function vmappedTrainer(job: Job, description: string): Trainer {
  const M = job.nets.length;
  const hidden = job.sizes.length - 2;
  const lrs = new Set(job.nets.map((k) => k.lr));
  if (lrs.size !== 1) throw new RangeError('jax-js grid: one learning rate for all models');
  const x = column(job.data.x),
    y = column(job.data.y),
    testX = column(job.data.testX),
    testY = column(job.data.testY);
  const pDrop = np.array(Float32Array.from(job.nets.map((k) => k.pDrop)));
  const wd = np.array(Float32Array.from(job.nets.map((k) => k.weightDecay)));
  const perNet = job.nets.map((n) => netArrays(job.sizes, n.init));
  const stacked = perNet[0].map((a, i) => {
    const all = new Float32Array(M * a.data.length);
    perNet.forEach((net, m) => all.set(net[i].data, m * a.data.length));
    return { data: all, shape: [M, ...a.shape] };
  });

  const one = (params: Arr[], m: Arr[], v: Arr[], t: Arr, key: Arr, xs: Arr, ys: Arr, p: Arr, w: Arr) =>
    adamStep(job.nets[0].lr, p, w, hidden)(params, m, v, t, key, xs, ys);
  const step = jit(vmap(one, [0, 0, 0, 0, 0, null, null, 0, 0]));
  const evalMse = jit(vmap((params: Arr[], xs: Arr, ys: Arr) => mse(forward(params, xs, null, null), ys), [0, null, null]));

  let s: State | undefined;
  return trainerOf(
    {
      description,
      async reset() {
        if (s) tree.dispose(leaves(s));
        s = {
          params: stacked.map((a) => np.array(a.data).reshape(a.shape)),
          m: stacked.map((a) => np.zeros(a.shape)),
          v: stacked.map((a) => np.zeros(a.shape)),
          t: np.zeros([M]),
          key: random.split(random.key(1), M),
        };
        await Promise.all(leaves(s).map((a) => a.blockUntilReady()));
      },
      train(n: number) {
        const st = s!;
        for (let t = 0; t < n; t++) {
          [st.params, st.m, st.v, st.t, st.key] = step(st.params, st.m, st.v, st.t, st.key, x.ref, y.ref, pDrop.ref, wd.ref);
        }
      },
      async evaluate() {
        return Array.from(await float32Data(evalMse(tree.ref(s!.params), testX.ref, testY.ref)));
      },
      dispose() {
        if (s) tree.dispose(leaves(s));
        tree.dispose([x, y, testX, testY, pDrop, wd]);
        step.dispose();
        evalMse.dispose();
      },
    },
    job.every,
  );
}
