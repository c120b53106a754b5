// Tiling of the matmul kernel (shaders/matmul.wgsl): a workgroup of KS x TMT x TNT threads
// computes a (TMT*RM) x (TNT*RN) output tile. On a GPU it stages TK-deep slices of both operands
// in the 16 KiB of workgroup memory; the shapes here are tiny and latency-bound at a few models
// (N = 20 rows) and throughput-bound at many, so the choice comes from a small cost model:
// waves of resident workgroups x (zeroing workgroup memory + per-tile latency + issue slots of
// the inner loop + the split-K reduction + the epilogue). On a CPU emulation (SwiftShader) the
// kernel reads operands directly and the model counts total work (see cpuCost). The weights are
// named below (GPU_CYCLES, CPU_WORK) with where each comes from.

import { WORKGROUP_SIZE } from '../shared-constants';

export interface MatmulTiling {
  readonly tmt: number;
  readonly tnt: number;
  readonly ks: number;
  readonly rm: number;
  readonly rn: number;
  /** inner depth of a staged tile (a multiple of ks; unused when not staged) */
  readonly tk: number;
  /** operands pass through workgroup memory (GPUs) or come straight from the arena (CPU emulations) */
  readonly staged: boolean;
}

/**
 * What the cost model optimizes for: a GPU with `parallelSlots` resident 256-thread workgroups
 * (latency of staged tiles vs. waves), or a CPU emulation such as SwiftShader, where workgroup
 * barriers and workgroup memory are expensive and only total work counts. `subgroups` (CPU
 * emulation): the device runs subgroups of SUBGROUP_LANES consecutive invocations with
 * subgroupBroadcast, and the direct matmul shares its op(A) loads over them (subgroupShare).
 */
export type TilingProfile =
  { readonly kind: 'gpu'; readonly parallelSlots: number } | { readonly kind: 'cpu'; readonly subgroups?: boolean };

/** Lanes of a subgroup the direct matmul shares op(A) loads over (SwiftShader's subgroup size). */
export const SUBGROUP_LANES = 4;

/**
 * Resident 256-thread workgroups assumed on a GPU when the caller names none: 132 SMs x 2, an
 * H100 SXM or H200 (the GPUs of PyTorch's reference figures and of the device benchmark), with
 * two of the matmul's workgroups resident per SM.
 *
 * Not derived from the adapter, because WebGPU exposes nothing it could be derived from: there is
 * no SM / compute-unit count and no occupancy query. Its compute limits
 * (maxComputeInvocationsPerWorkgroup, maxComputeWorkgroupStorageSize, maxComputeWorkgroupSize*,
 * maxComputeWorkgroupsPerDimension) bound one workgroup or one dispatch, and take the same values
 * on an integrated GPU as on an H200 (browsers also round limits to a few tiers, against
 * fingerprinting); `adapter.info` names a vendor and an architecture but not the part (an H100
 * PCIe has 114 SMs, an SXM 132). A wrong figure only changes which tiling is chosen, never a
 * result; the backend option `parallelSlots` sets the real figure where it is known.
 */
export const DEFAULT_PARALLEL_SLOTS = 264;

export interface MatmulShape {
  readonly rows: number;
  readonly inner: number;
  readonly cols: number;
  readonly models: number;
  /** a Threefry epilogue costs about 100 integer ops per output */
  readonly rng: boolean;
}

/** f32 words of workgroup memory (16 KiB, WebGPU's default limit). */
export const SMEM_WORDS = 4096;
/** threads of a workgroup (the kernel runs at the shared workgroup size; only ks x tmt x tnt compute) */
const MAX_THREADS = WORKGROUP_SIZE;
const MAX_REGISTER_TILE = 32;

/**
 * GPU cost model weights, in issue cycles of one SM: estimates for an NVIDIA SM with four
 * schedulers, not yet fitted to measurements (no GPU run so far, see docs/BENCHMARKS.md).
 */
const GPU_CYCLES = {
  /** 8 warps of a 256-thread workgroup share 4 schedulers: ~2 cycles per instruction */
  perInstruction: 2,
  /** one global load per thread while staging a tile (issue plus address arithmetic) */
  perStagedLoad: 4,
  /** the latency a staged tile waits on: global loads, then the barrier before the inner loop */
  tileLatency: 500,
  /** the second barrier and the loop overhead of a tile */
  tileOverhead: 40,
  /** the split-K reduction's barrier and latency, when ks > 1 */
  reduceLatency: 140,
  /** one word of a partial register tile, stored and added back */
  perReducedWord: 4,
  /** one output through the epilogue with a Threefry mask (~100 integer ops) / without */
  perOutputRng: 200,
  perOutput: 20,
  /** WebGPU zeroes a workgroup's memory before it starts: a fixed cost and one store per thread-word */
  zeroLatency: 40,
  perZeroedWord: 4,
} as const;

/**
 * CPU emulation (SwiftShader) weights, in multiply-adds of the direct kernel, measured there: a
 * (bounds-checked) load costs about 8 multiply-adds, an idle invocation of a workgroup about 1000.
 */
const CPU_WORK = {
  perWorkgroup: 5000,
  perLoad: 8,
  /** subgroupBroadcast of one value (a lane extracted and splat) */
  perBroadcast: 1,
  perIdleInvocation: 1000,
  perOutputRng: 150,
  perOutput: 10,
} as const;

/** Ties: of two tilings within 0.1% of each other, the one with fewer idle threads wins. */
const IDLE_THREAD_TIEBREAK = 0.001;

/** Words of the split-K reduction: (ks-1) partial register tiles (with row sums, an upper bound). */
function reductionWords(t: Omit<MatmulTiling, 'tk' | 'staged'>): number {
  return (t.ks - 1) * t.tmt * t.tnt * (t.rm * t.rn + t.rm);
}

/** Workgroup memory (f32 words) the kernel declares: the staged tiles or the reduction, whichever is larger. */
export function workgroupWords(t: MatmulTiling): number {
  const tiles = t.staged ? t.tk * (t.tmt * t.rm + 1) + t.tk * (t.tnt * t.rn + 1) : 1;
  return Math.max(tiles, reductionWords(t));
}

/** Inner slice depth: a multiple of ks that covers inner in as few, evenly filled tiles as fit (0 if none fits). */
export function deepestTk(t: Omit<MatmulTiling, 'tk' | 'staged'>, inner: number, budget = SMEM_WORDS): number {
  if (reductionWords(t) > budget) return 0;
  const perK = t.tmt * t.rm + t.tnt * t.rn + 2;
  const fit = Math.floor(budget / perK / t.ks) * t.ks;
  if (fit < t.ks) return 0;
  const tiles = Math.ceil(inner / fit);
  return Math.ceil(inner / tiles / t.ks) * t.ks;
}

/** Throws unless the tiling is one the kernel supports. */
export function checkTiling(t: MatmulTiling): void {
  const ints = [t.tmt, t.tnt, t.ks, t.rm, t.rn, t.tk];
  if (typeof t.staged !== 'boolean') throw new Error('matmul tiling: staged must be a boolean');
  if (!ints.every((v) => Number.isInteger(v) && v >= 1)) throw new Error(`matmul tiling: bad values ${JSON.stringify(t)}`);
  if (t.tmt * t.tnt * t.ks > MAX_THREADS) throw new Error(`matmul tiling: more than ${MAX_THREADS} threads`);
  if (t.rm * t.rn > MAX_REGISTER_TILE) throw new Error('matmul tiling: register tile too large');
  if (t.tk % t.ks !== 0) throw new Error('matmul tiling: tk must be a multiple of ks');
  if (workgroupWords(t) > SMEM_WORDS) throw new Error('matmul tiling: exceeds 16 KiB of workgroup memory');
}

const POW2 = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const pow2ceil = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/** GPU: estimated cycles of the whole dispatch (staged tilings). */
function gpuCost(s: MatmulShape, t: MatmulTiling, parallelSlots: number): number {
  const tm = t.tmt * t.rm;
  const tn = t.tnt * t.rn;
  const blocks = s.models * Math.ceil(s.rows / tm) * Math.ceil(s.cols / tn);
  const waves = Math.ceil(blocks / parallelSlots);
  const tiles = Math.ceil(s.inner / t.tk);
  const c = GPU_CYCLES;
  // per thread and staged tile: its share of the loads, then per k: rm + rn reads of workgroup memory and rm x rn FMAs
  const loads = Math.ceil((t.tk * tm) / MAX_THREADS) + Math.ceil((t.tk * tn) / MAX_THREADS);
  const innerLoop = c.perInstruction * (t.tk / t.ks) * (t.rm + t.rn + t.rm * t.rn);
  const perTile = c.tileLatency + c.perStagedLoad * loads + innerLoop + c.tileOverhead;
  const reduce = t.ks > 1 ? c.reduceLatency + c.perReducedWord * (t.ks - 1) * (t.rm * t.rn + 1) : 0;
  const epilogue = t.rm * t.rn * (s.rng ? c.perOutputRng : c.perOutput);
  const zeroInit = c.zeroLatency + c.perZeroedWord * Math.ceil(workgroupWords(t) / MAX_THREADS);
  return waves * (zeroInit + tiles * perTile + reduce + epilogue);
}

/**
 * True when the direct matmul with tiling `t` shares op(A) over subgroups: each lane of a subgroup
 * loads op(A)[row][k + lane] for the SUBGROUP_LANES steps from k, and subgroupBroadcast hands
 * every lane each step's value. It needs the lanes of a subgroup to own the same rows (SwiftShader
 * numbers a subgroup's lanes by consecutive local index: tnt a multiple of the lane count) and the
 * kernel's unrolled steps to be one subgroup's worth (inner ≥ SUBGROUP_LANES).
 */
export function subgroupShare(s: Pick<MatmulShape, 'inner'>, t: MatmulTiling, profile: TilingProfile): boolean {
  return (
    profile.kind === 'cpu' &&
    profile.subgroups === true &&
    !t.staged &&
    t.ks === 1 &&
    t.tnt % SUBGROUP_LANES === 0 &&
    s.inner >= SUBGROUP_LANES
  );
}

/** CPU emulation: total work of the direct kernel, in multiply-adds (CPU_WORK). */
function cpuCost(s: MatmulShape, t: MatmulTiling, profile: TilingProfile): number {
  const w = CPU_WORK;
  const blocks = s.models * Math.ceil(s.rows / (t.tmt * t.rm)) * Math.ceil(s.cols / (t.tnt * t.rn));
  const threads = t.tmt * t.tnt;
  const aPerStep = subgroupShare(s, t, profile) ? w.perLoad * (t.rm / SUBGROUP_LANES) + w.perBroadcast * t.rm : w.perLoad * t.rm;
  const perThread = s.inner * (aPerStep + w.perLoad * t.rn + t.rm * t.rn) + t.rm * t.rn * (s.rng ? w.perOutputRng : w.perOutput);
  return blocks * (w.perWorkgroup + threads * perThread + (MAX_THREADS - threads) * w.perIdleInvocation);
}

export function tilingCost(s: MatmulShape, t: MatmulTiling, profile: TilingProfile): number {
  return profile.kind === 'gpu' ? gpuCost(s, t, profile.parallelSlots) : cpuCost(s, t, profile);
}

/** The cheapest tiling; with `wholeOutput`, among those where one workgroup covers a model's output. */
export function chooseTiling(s: MatmulShape, profile: TilingProfile, wholeOutput = false): MatmulTiling {
  const staged = profile.kind === 'gpu';
  let best: MatmulTiling | undefined;
  let bestCost = Infinity;
  for (const tmt of POW2) {
    for (const tnt of POW2) {
      for (const ks of POW2) {
        const threads = tmt * tnt * ks;
        if (threads > MAX_THREADS || ks > Math.max(1, s.inner) || (!staged && ks > 1)) continue;
        if (tmt > pow2ceil(s.rows) || tnt > pow2ceil(s.cols)) continue; // idle thread rows/cols
        for (let rm = 1; rm <= 8; rm++) {
          // no register row (column) that lies wholly past the matrix
          if ((rm - 1) * tmt >= s.rows) continue;
          for (let rn = 1; rn <= 4; rn++) {
            if ((rn - 1) * tnt >= s.cols || rm * rn > MAX_REGISTER_TILE) continue;
            const tk = staged ? deepestTk({ tmt, tnt, ks, rm, rn }, s.inner) : ks;
            if (tk === 0) continue;
            const t = { tmt, tnt, ks, rm, rn, tk, staged };
            if (wholeOutput && (tmt * rm < s.rows || tnt * rn < s.cols)) continue;
            const cost = tilingCost(s, t, profile) * (1 + (IDLE_THREAD_TIEBREAK * (MAX_THREADS - threads)) / MAX_THREADS);
            if (cost < bestCost) {
              bestCost = cost;
              best = t;
            }
          }
        }
      }
    }
  }
  if (!best && wholeOutput) return chooseTiling(s, profile);
  if (!best) throw new Error(`matmul tiling: nothing fits ${JSON.stringify(s)}`);
  return best;
}
