// `npm run bench:peers [-- options]`: the same job in every system, in one run on this machine.
// Installs the bench package's peer libraries when missing, builds the page, serves it on
// 127.0.0.1, drives Debian's Chromium (WebGPU enabled) through one page per cell, runs this
// project's CPU backend in Node next to PyTorch's figures, checks every run against PyTorch, judges
// the targets of bench/reference-figures.json, prints the table and writes it to docs/BENCHMARKS.md.

import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { createNodeBackend } from '../../src/cli/node-backend';
import { installDependencies, installedVersion } from '../install-deps';
import { referenceFigures } from '../reference-figures';
import { BENCH_DIR, buildPage, OUT_DIR, ROOT } from './build';
import {
  BACKEND_KINDS,
  BROWSER_CELLS,
  cellKey,
  SYSTEMS,
  type BackendKind,
  type CellId,
  type CellSpec,
  type PageInfo,
  type System,
} from './cells';
import { gridCheck, seedCheckWith, type CheckResult, type Reference } from './checks';
import { extrapolationDoubt, measure, type Measurement, type Split } from './harness';
import { profile, type HotSpot } from './profile';
import type { CellResult } from './page-api';
import { gridJob, JOB_KINDS, seedJob, seedJobFileFrom, type Job, type JobKind, type SeedJobFile, type SeedRun } from './job';
import { parseTimingTxt } from './pytorch-timing';
import { consoleExplain, consoleTable, markdownGenerated, spliceSection, verdictsOf, type Explain, type Meta, type Row } from './report';
import { serve } from './server';
import { dropoutLabTrainer } from './dropout-lab';

const HELP = `usage: npm run bench:peers -- [options]
  --epochs N          epochs of the job (default 500)
  --every N           eval + readback every N epochs (default 50)
  --runs N            timed runs per cell, median reported (default 3)
  --budget S          seconds allowed for one timed run of the seed job; a system that would take longer
                      times fewer epochs and its job time is extrapolated from ms/epoch (default 8)
  --grid N            models in the grid job (default 64); --grid 0 skips the grid
  --grid-budget S     the same for one run of the grid (default 4)
  --torch-threads L   torch.set_num_threads settings to measure, e.g. 1,2 (default 1)
  --jobs LIST         seed,grid (default both)
  --peers LIST        dropout-lab,tfjs,jaxjs,pytorch (default all)
  --backends LIST     webgpu,webgl,wasm,cpu (default all)
  --node / --no-node  this project's CPU backend in Node (default on)
  --threads LIST      its CPU pool sizes in Node and in the page, e.g. 1,2 (default 1,2; 1 in Node runs in process,
                      as --threads 1 of npm run train/bench does; the page always uses its pool of Web Workers)
  --cell-timeout S    give up on a cell after S seconds (default 240)
  --no-explain        skip "where the time goes" (a split run per seed cell, a CPU profile in Node)
  --no-isolation      serve without COOP/COEP (no SharedArrayBuffer: single-threaded Wasm)
  --no-write          print only; leave docs/BENCHMARKS.md alone
  --out FILE          where to write (default docs/BENCHMARKS.md)`;

interface Options {
  epochs: number;
  every: number;
  runs: number;
  budgetS: number;
  gridBudgetS: number;
  grid: number;
  torchThreads: number[];
  jobs: JobKind[];
  peers: System[];
  backends: BackendKind[];
  node: boolean;
  threads: number[];
  cellTimeoutS: number;
  isolation: boolean;
  write: boolean;
  out: string;
  explain: boolean;
}

function parseOptions(argv: readonly string[]): Options | 'help' {
  const o: Options = {
    epochs: 500,
    every: 50,
    runs: 3,
    budgetS: 8,
    gridBudgetS: 4,
    grid: 64,
    torchThreads: [1],
    jobs: [...JOB_KINDS],
    peers: [...SYSTEMS],
    backends: [...BACKEND_KINDS],
    node: true,
    threads: [1, 2],
    cellTimeoutS: 240,
    isolation: true,
    write: true,
    explain: true,
    out: join(ROOT, 'docs', 'BENCHMARKS.md'),
  };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min) throw new RangeError(`${flag} ${v ?? ''}: must be a number ≥ ${min}`);
    return n;
  };
  const list = <T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): T[] => {
    const items = (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const i of items) if (!allowed.includes(i as T)) throw new RangeError(`${flag}: unknown "${i}" (one of ${allowed.join(', ')})`);
    if (!items.length) throw new RangeError(`${flag}: give a comma-separated list of ${allowed.join(', ')}`);
    return items as T[];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    switch (a) {
      case '--help':
      case '-h':
        return 'help';
      case '--epochs':
        o.epochs = Math.round(num(a, next(), 1));
        break;
      case '--every':
        o.every = Math.round(num(a, next(), 1));
        break;
      case '--runs':
        o.runs = Math.round(num(a, next(), 1));
        break;
      case '--budget':
        o.budgetS = num(a, next(), 0.1);
        break;
      case '--grid-budget':
        o.gridBudgetS = num(a, next(), 0.1);
        break;
      case '--grid':
        o.grid = Math.round(num(a, next(), 0));
        break;
      case '--torch-threads':
        o.torchThreads = (next() ?? '').split(',').map((t) => Math.round(num(a, t, 1)));
        break;
      case '--jobs':
        o.jobs = list(a, next(), JOB_KINDS);
        break;
      case '--peers':
        o.peers = list(a, next(), SYSTEMS);
        break;
      case '--backends':
        o.backends = list(a, next(), BACKEND_KINDS);
        break;
      case '--node':
        o.node = true;
        break;
      case '--no-node':
        o.node = false;
        break;
      case '--threads':
        o.threads = (next() ?? '').split(',').map((t) => Math.round(num(a, t, 1)));
        break;
      case '--cell-timeout':
        o.cellTimeoutS = num(a, next(), 1);
        break;
      case '--no-isolation':
        o.isolation = false;
        break;
      case '--explain':
        o.explain = true;
        break;
      case '--no-explain':
        o.explain = false;
        break;
      case '--no-write':
        o.write = false;
        break;
      case '--out':
        o.out = resolve(next() ?? '');
        break;
      default:
        throw new RangeError(`unknown option ${a}`);
    }
  }
  if (o.grid === 0) o.jobs = o.jobs.filter((j) => j !== 'grid');
  if (o.grid > 64) throw new RangeError('--grid: at most 64 models');
  return o;
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--headless=new',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

type CellOutcome = { m: Measurement; setupMs: number; split?: Split } | { error: string };

const references = new Map<string, Reference>();

/**
 * The job's nets without dropout, trained by this project's CPU backend (in Node) for `updates`
 * epochs; `all`: every net (this project's own rows of the seed job: its dropout masks are the same
 * on every backend, so the dropout net is deterministic too).
 */
async function reference(job: Job, updates: number, all = false): Promise<Reference | undefined> {
  const nets = job.nets.flatMap((n, i) => (all || n.pDrop === 0 ? [i] : []));
  const key = `${job.kind}/${job.nets.length}/${updates}/${all ? 'all' : 'deterministic'}`;
  if (!nets.length) return undefined;
  if (!references.has(key)) {
    const backend = createCpuBackend();
    const trainer = await dropoutLabTrainer({ ...job, nets: nets.map((i) => job.nets[i]) }, backend);
    try {
      const r = await trainer.run(updates);
      const what = all ? 'both nets (same masks)' : undefined;
      references.set(key, { updates, nets, testMse: r.checkpoints[r.checkpoints.length - 1].testMse, what });
    } finally {
      trainer.dispose();
      backend.dispose();
    }
  }
  return references.get(key);
}

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

function hasTorch(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** PyTorch in this run: bench/peers/pytorch_peer.py, the same protocol, one JSON Measurement out. */
async function runPyTorchCell(job: JobKind, threads: number, o: Options, seedJobPath: string): Promise<CellOutcome> {
  const args = [
    join(BENCH_DIR, 'peers', 'pytorch_peer.py'),
    '--seed-job',
    seedJobPath,
    '--job',
    job,
    '--epochs',
    String(o.epochs),
    '--every',
    String(o.every),
    '--runs',
    String(o.runs),
    '--budget',
    String(job === 'grid' ? o.gridBudgetS : o.budgetS),
    '--threads',
    String(threads),
    '--models',
    String(o.grid),
  ];
  try {
    const { stdout } = await promisify(execFile)(PYTHON, args, { timeout: o.cellTimeoutS * 1000, maxBuffer: 64 << 20 });
    return { m: JSON.parse(stdout) as Measurement, setupMs: 0 };
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0] };
  }
}

async function runBrowserCell(browser: Browser, url: string, spec: CellSpec, timeoutS: number): Promise<CellOutcome> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const tag = `${spec.system}/${spec.backend}/${spec.job}`;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().startsWith('[')) log(`  ${m.type() === 'error' ? 'console error: ' : ''}${m.text()}`);
  });
  page.on('pageerror', (e) => log(`  [${tag}] page error: ${e.message}`));
  let timer: NodeJS.Timeout | undefined;
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'benchPeers' in window, undefined, { timeout: 60_000 });
    const work = page.evaluate((s) => window.benchPeers.run(s), spec);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`gave up after ${timeoutS} s (--cell-timeout)`)), timeoutS * 1000);
    });
    const r: CellResult = await Promise.race([work, timeout]);
    return { m: r, setupMs: r.setupMs, split: r.split };
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0] };
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
  }
}

/** The installed version of a package: the bench package's own, else the root's ('?' if unreadable). */
function version(pkg: string): string {
  try {
    return installedVersion(BENCH_DIR, pkg) ?? installedVersion(ROOT, pkg) ?? '?';
  } catch {
    return '?';
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return `${head}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts === 'help') {
    console.log(HELP);
    return 0;
  }
  const refDir = resolve(process.env.GOLDEN_DIR ?? join(ROOT, '..', 'shared', 'reference'));
  const file: SeedJobFile = seedJobFileFrom(JSON.parse(readFileSync(join(refDir, 'seed_run.json'), 'utf8')) as SeedRun);
  const loadBefore = loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
  const started = new Date();
  const t0 = performance.now();

  const browserCells = BROWSER_CELLS.filter(
    (c) =>
      opts.peers.includes(c.system) && opts.backends.includes(c.backend) && (c.workers === undefined || opts.threads.includes(c.workers)),
  );
  const rows: Row[] = [];
  let pageInfo: PageInfo | undefined;
  let browserVersion = '';
  let hotSpots: HotSpot[] = [];
  let profiledEpochs = 0;
  const spec = (c: CellId, job: JobKind): CellSpec => ({
    system: c.system,
    backend: c.backend,
    job,
    epochs: opts.epochs,
    every: opts.every,
    runs: opts.runs,
    runBudgetMs: 1000 * (job === 'grid' ? opts.gridBudgetS : opts.budgetS),
    models: opts.grid,
    explain: opts.explain && job === 'seed',
    workers: c.workers,
  });
  const jobOf = (job: JobKind): Job =>
    job === 'grid' ? gridJob(file, opts.epochs, opts.every, opts.grid) : seedJob(file, opts.epochs, opts.every);
  const check = async (job: JobKind, m: Measurement, system: System): Promise<CheckResult> => {
    const last = m.checkpoints[m.checkpoints.length - 1];
    const ref = last ? await reference(jobOf(job), last.updates, system === 'dropout-lab' && job === 'seed') : undefined;
    return job === 'seed' ? seedCheckWith(m.checkpoints, file, opts.every, ref) : gridCheck(m.checkpoints, ref);
  };
  const addRow = async (job: JobKind, cell: CellId, out: CellOutcome) => {
    if ('error' in out) {
      rows.push({
        job,
        cell,
        description: '',
        extrapolated: false,
        epochsTimed: 0,
        runsMs: [],
        check: '',
        error: out.error,
        source: 'measured',
      });
      log(`  ${cellKey(cell)} ${job}: FAILED ${out.error}`);
      return;
    }
    const { m } = out;
    const c = await check(job, m, cell.system);
    const unreliable = m.extrapolation ? extrapolationDoubt(m.medianMs, m.extrapolation) : undefined;
    if (unreliable) log(`  ${cellKey(cell)} ${job}: its extrapolation is not trusted: ${unreliable}`);
    rows.push({
      unreliable,
      job,
      cell,
      description: m.description,
      jobMs: m.jobMs,
      msPerEpoch: m.msPerEpoch,
      extrapolated: m.extrapolated,
      epochsTimed: m.epochsTimed,
      runsMs: m.runsMs,
      check: c.text,
      checkOk: c.ok,
      source: 'measured',
      split: out.split,
      extrapolation: m.extrapolation,
    });
    log(
      `  ${cellKey(cell)} ${job}: ${unreliable ? `UNRELIABLE (${unreliable}) ` : ''}${m.extrapolated ? '~' : ''}${m.jobMs.toFixed(0)} ms (${m.msPerEpoch.toFixed(2)} ms/epoch, runs ${m.runsMs.map((v) => v.toFixed(0)).join(', ')}) · ${c.ok === false ? 'CHECK FAILED' : 'check'}: ${c.text}`,
    );
  };

  const torchHere = opts.peers.includes('pytorch') && hasTorch();
  if (opts.peers.includes('pytorch') && !torchHere)
    log(`no torch in ${PYTHON}: PyTorch only from timing.txt (apt-get install -y python3-torch python3-numpy to measure it here)`);
  installDependencies(BENCH_DIR, log);
  log('building the page (esbuild) and seed-job.json …');
  await buildPage(refDir);
  const seedJobPath = join(OUT_DIR, 'seed-job.json');
  let browser: Browser | undefined;
  const server = browserCells.length ? await serve(OUT_DIR, opts.isolation) : undefined;
  try {
    if (server) {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      browserVersion = browser.version();
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => 'benchPeers' in window, undefined, { timeout: 60_000 });
      pageInfo = await page.evaluate(() => window.benchPeers.info());
      await page.close();
      log(
        `Chromium ${browserVersion} · WebGPU: ${pageInfo.webgpu} · WebGL: ${pageInfo.webgl} · cross-origin isolated: ${pageInfo.crossOriginIsolated}`,
      );
    }
    for (const job of opts.jobs) {
      for (const threads of opts.node && opts.peers.includes('dropout-lab') && opts.backends.includes('cpu') ? opts.threads : []) {
        const cell: CellId = { system: 'dropout-lab', backend: 'cpu', where: 'node', workers: threads };
        log(`${job}: ${cellKey(cell)} …`);
        const j = jobOf(job);
        // as `--threads N` of npm run train/bench: 1 in process, more on a pool of worker_threads
        let opened: Awaited<ReturnType<typeof createNodeBackend>> | undefined;
        try {
          opened = await createNodeBackend('cpu', { threads });
          const trainer = await dropoutLabTrainer(j, opened.backend);
          const m = await measure(trainer, {
            epochs: opts.epochs,
            every: opts.every,
            runs: opts.runs,
            runBudgetMs: 1000 * (job === 'grid' ? opts.gridBudgetS : opts.budgetS),
            log: (l) => log(`  [node ×${threads}] ${l}`),
          });
          let split: Split | undefined;
          if (opts.explain && job === 'seed') {
            split = await trainer.split(Math.max(1, Math.min(50, m.epochsTimed)));
            if (threads === 1) {
              const epochs = Math.min(opts.epochs, 200);
              hotSpots = (
                await profile(async () => {
                  await trainer.run(epochs);
                }, `${ROOT}/`)
              ).slice(0, 8);
              profiledEpochs = epochs;
            }
          }
          trainer.dispose();
          await addRow(job, cell, { m: { ...m, description: `${m.description} · Node ${process.version}` }, setupMs: 0, split });
        } catch (e) {
          await addRow(job, cell, { error: (e as Error).message });
        } finally {
          opened?.close();
        }
      }
      for (const c of browserCells) {
        log(`${job}: ${cellKey(c)} …`);
        await addRow(job, c, await runBrowserCell(browser!, server!.url, spec(c, job), opts.cellTimeoutS));
      }
      if (opts.peers.includes('pytorch')) {
        const cell: CellId = { system: 'pytorch', backend: 'cpu', where: 'python' };
        if (torchHere) {
          for (const threads of opts.torchThreads) {
            log(`${job}: ${cellKey(cell)} (${threads} thread${threads > 1 ? 's' : ''}) …`);
            await addRow(job, cell, await runPyTorchCell(job, threads, opts, seedJobPath));
          }
        }
        const timingFile = join(refDir, 'timing.txt');
        if (job === 'seed' && existsSync(timingFile)) {
          const pt = parseTimingTxt(readFileSync(timingFile, 'utf8'));
          for (const s of pt.settings) {
            rows.push({
              job,
              cell,
              description: `recorded by make_reference.py on ${pt.machine?.split(',')[0] ?? '?'} · torch.set_num_threads(${s.threads}) · load average then ${pt.loadAverage?.split(',')[0] ?? '?'}`,
              jobMs: s.medianMs,
              msPerEpoch: s.msPerEpoch,
              extrapolated: false,
              epochsTimed: 500,
              runsMs: s.runsMs,
              check: 'the reference itself (checkpoints bitwise equal to seed_run.json)',
              checkOk: true,
              source: 'timing.txt',
            });
          }
        }
      }
    }
  } finally {
    await browser?.close();
    await server?.close();
  }
  if (server?.missing.length) log(`the page asked for missing files: ${server.missing.join(', ')}`);

  // sort: seed then grid; within a job in the fixed cell order, PyTorch last
  const order = [
    ...BROWSER_CELLS.map(cellKey),
    ...opts.threads.map((workers) => cellKey({ system: 'dropout-lab', backend: 'cpu', where: 'node', workers })),
    'pytorch/cpu@python',
  ];
  rows.sort((a, b) => (a.job === b.job ? order.indexOf(cellKey(a.cell)) - order.indexOf(cellKey(b.cell)) : a.job === 'seed' ? -1 : 1));
  const verdicts = verdictsOf(rows, referenceFigures.peerTargets);
  const loadAfter = loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
  const elapsedS = (performance.now() - t0) / 1000;

  const cpu = cpus();
  const meta: Meta = {
    command: `npm run bench:peers${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    date: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: `${cpu[0]?.model ?? '?'}, ${cpu.length} logical CPUs; load average ${loadBefore} before, ${loadAfter} after; whole run ${elapsedS.toFixed(0)} s`,
    versions: [
      `Dropout Lab ${gitCommit()}`,
      `Node ${process.version}`,
      browserVersion ? `Chromium ${browserVersion}` : 'no browser',
      `TensorFlow.js ${pageInfo?.tfjs ?? version('@tensorflow/tfjs')} (webgpu ${version('@tensorflow/tfjs-backend-webgpu')}, wasm ${version('@tensorflow/tfjs-backend-wasm')})`,
      `jax-js ${version('@jax-js/jax')}`,
      `playwright-core ${version('playwright-core')}`,
      ...(pageInfo
        ? [
            `WebGPU adapter: ${pageInfo.webgpu}`,
            `WebGL: ${pageInfo.webgl}`,
            `page cross-origin isolated: ${pageInfo.crossOriginIsolated ? 'yes (SharedArrayBuffer: threaded Wasm possible)' : 'no'}`,
          ]
        : []),
    ],
    settings: `${opts.epochs} epochs, eval + readback every ${opts.every}; per cell two 1-epoch warm-ups and a probe of up to 51 epochs (also warm-up), then the median of ${opts.runs} timed runs, each allowed ${opts.budgetS} s (grid: ${opts.gridBudgetS} s) before fewer epochs are timed; grid = ${opts.grid} models; this project's CPU backend on ${opts.threads.join(' and ')} worker(s): in Chromium its pool of module Web Workers (the page's code, spawned from the benchmark page), in Node 1 = in process, more = worker_threads (--threads N); setup (compiling, uploading the initial weights) not timed.`,
    notes: [],
  };
  console.log('');
  console.log(consoleTable(rows));
  const timingFile = join(refDir, 'timing.txt');
  const explain: Explain | undefined = opts.explain
    ? {
        hotSpots,
        profiledEpochs,
        pytorchProfile: existsSync(timingFile) ? parseTimingTxt(readFileSync(timingFile, 'utf8')).profile : undefined,
      }
    : undefined;
  if (explain) console.log(`\n${consoleExplain(rows, explain)}`);
  console.log('');
  for (const v of verdicts) console.log(`target: ${v.target.text}: ${v.note}`);
  console.log(`\n${meta.date} · ${meta.machine}`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify({ meta, rows, verdicts, explain, options: opts }, null, 2));
  if (opts.write) {
    const existing = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : undefined;
    writeFileSync(opts.out, spliceSection(existing, markdownGenerated(rows, verdicts, meta, explain)));
    log(`wrote ${opts.out}`);
  }
  return rows.some((r) => r.error || r.checkOk === false) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const err = e as Error;
    console.error(err instanceof RangeError ? `error: ${err.message}\n${HELP}` : `error: ${err.stack ?? err.message}`);
    process.exitCode = 2;
  },
);
