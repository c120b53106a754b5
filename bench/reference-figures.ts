// The reference figures the benchmarks print next to their own (PyTorch on an H100, the targets on
// a real GPU, the peers' targets), read from bench/reference-figures.json and checked on load, so a
// mistyped figure is an error that names it, not a NaN in a table. Bundled into the device bench.

import raw from './reference-figures.json';
import { BACKEND_KINDS, SYSTEMS, WHERES, type CellId, type Target } from './peers/cells';
import { JOB_KINDS } from './peers/job';

/** One timing of another system: what it was and how long the job took there. */
export interface Figure {
  readonly ms: number;
  /** short name for a ratio, e.g. "PyTorch eager" */
  readonly name: string;
  readonly how: string;
}

export interface ReferenceFigures {
  readonly pytorchH100: {
    readonly source: string;
    readonly setup: string;
    readonly seedJob: { readonly eager: Figure; readonly cudaGraph: Figure };
    readonly grid64: { readonly bmm: Figure; readonly cudaGraph: Figure };
  };
  /** this project's targets on a real GPU (ms, whole job) */
  readonly deviceTargets: { readonly source: string; readonly seedJobMs: number; readonly grid64Ms: number };
  readonly peerTargets: readonly Target[];
}

type Json = Readonly<Record<string, unknown>>;

function object(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`reference-figures.json: ${path} must be an object`);
  return v as Json;
}

function text(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !v.trim()) throw new TypeError(`reference-figures.json: ${path}.${key} must be a non-empty string`);
  return v;
}

function positive(o: Json, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw new TypeError(`reference-figures.json: ${path}.${key} must be a positive number, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf<T extends string>(o: Json, key: string, allowed: readonly T[], path: string): T {
  const v = o[key];
  const hit = allowed.find((a) => a === v);
  if (hit === undefined)
    throw new TypeError(`reference-figures.json: ${path}.${key} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return hit;
}

function figure(v: unknown, path: string): Figure {
  const o = object(v, path);
  return { ms: positive(o, 'ms', path), name: text(o, 'name', path), how: text(o, 'how', path) };
}

function cell(v: unknown, path: string): CellId {
  const o = object(v, path);
  const c: CellId = {
    system: oneOf(o, 'system', SYSTEMS, path),
    backend: oneOf(o, 'backend', BACKEND_KINDS, path),
    where: oneOf(o, 'where', WHERES, path),
  };
  if (o.workers === undefined) return c;
  const workers = positive(o, 'workers', path);
  if (!Number.isInteger(workers)) throw new TypeError(`reference-figures.json: ${path}.workers must be a whole number, got ${workers}`);
  return { ...c, workers };
}

/** One cell, or a list of candidate cells (the fastest is judged). */
function cells(v: unknown, path: string): CellId[] {
  if (!Array.isArray(v)) return [cell(v, path)];
  if (!v.length) throw new TypeError(`reference-figures.json: ${path} must name at least one cell`);
  return v.map((c: unknown, i) => cell(c, `${path}[${i}]`));
}

/** Checks the file's content and gives it its types; throws a TypeError naming the first bad field. */
export function parseReferenceFigures(json: unknown): ReferenceFigures {
  const root = object(json, 'the file');
  const h100 = object(root.pytorchH100, 'pytorchH100');
  const seed = object(h100.seedJob, 'pytorchH100.seedJob');
  const grid = object(h100.grid64, 'pytorchH100.grid64');
  const device = object(root.deviceTargets, 'deviceTargets');
  if (!Array.isArray(root.peerTargets)) throw new TypeError('reference-figures.json: peerTargets must be an array');
  return {
    pytorchH100: {
      source: text(h100, 'source', 'pytorchH100'),
      setup: text(h100, 'setup', 'pytorchH100'),
      seedJob: {
        eager: figure(seed.eager, 'pytorchH100.seedJob.eager'),
        cudaGraph: figure(seed.cudaGraph, 'pytorchH100.seedJob.cudaGraph'),
      },
      grid64: { bmm: figure(grid.bmm, 'pytorchH100.grid64.bmm'), cudaGraph: figure(grid.cudaGraph, 'pytorchH100.grid64.cudaGraph') },
    },
    deviceTargets: {
      source: text(device, 'source', 'deviceTargets'),
      seedJobMs: positive(device, 'seedJobMs', 'deviceTargets'),
      grid64Ms: positive(device, 'grid64Ms', 'deviceTargets'),
    },
    peerTargets: root.peerTargets.map((t: unknown, i) => {
      const path = `peerTargets[${i}]`;
      const o = object(t, path);
      return {
        job: oneOf(o, 'job', JOB_KINDS, path),
        ours: cells(o.ours, `${path}.ours`),
        peer: cell(o.peer, `${path}.peer`),
        factor: positive(o, 'factor', path),
        text: text(o, 'text', path),
      };
    }),
  };
}

export const referenceFigures: ReferenceFigures = parseReferenceFigures(raw);
