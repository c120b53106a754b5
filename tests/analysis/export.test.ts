import { describe, expect, it } from 'vitest';
import {
  jsonNumber,
  nonFiniteAsStrings,
  paramShapes,
  runToCsv,
  runToJson,
  shortestF32,
  toNested,
  weightsToGoldenJson,
  type RunLike,
} from '../../src/analysis/export';
import { defaultSettings } from '../../src/experiment/settings';

const run: RunLike = {
  settings: defaultSettings(),
  backend: 'CPU (reference)',
  data: { x: [0, 1], y: [0.1, 0.9], testX: [0, 1], testY: [0, 1] },
  series: [
    {
      name: 'overfitting',
      label: 'Plain net',
      trainLoss: [0.5, 0.4, 0.3],
      penalty: [0, 0, 0],
      test: [
        { x: 1, y: 0.45 },
        { x: 3, y: 0.35 },
      ],
      trainEval: [
        { x: 1, y: 0.5 },
        { x: 3, y: 0.3 },
      ],
      divergedAt: null,
    },
    {
      name: 'dropout',
      label: 'Regularized net',
      trainLoss: [0.6, Infinity, NaN],
      penalty: [0.01, 0.01, 0.01],
      test: [
        { x: 1, y: 0.55 },
        { x: 3, y: NaN },
      ],
      trainEval: [],
      divergedAt: 2,
    },
  ],
  frames: [
    {
      epoch: 0,
      gridX: [0, 1],
      nets: [
        { name: 'overfitting', testMse: 1, trainMseEval: 1, testPred: [0, 0], gridPred: [0, 0] },
        { name: 'dropout', testMse: 1, trainMseEval: 1, testPred: [0, 0], gridPred: [0, 0] },
      ],
    },
    {
      epoch: 3,
      gridX: [0, 1],
      nets: [
        { name: 'overfitting', testMse: 0.35, trainMseEval: 0.3, testPred: [0.1, 0.8], gridPred: [0.1, 0.8] },
        { name: 'dropout', testMse: NaN, trainMseEval: NaN, testPred: [NaN, 0], gridPred: [0, 0] },
      ],
    },
  ],
};

describe('run exports', () => {
  it('CSV: a header and one row per epoch, checkpoint values where they exist', () => {
    const lines = runToCsv(run).trim().split('\n');
    expect(lines[0]).toBe(
      'epoch,overfitting_train_mse,overfitting_penalty,overfitting_test_mse,overfitting_train_mse_eval,dropout_train_mse,dropout_penalty,dropout_test_mse,dropout_train_mse_eval',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('1,0.5,0,0.45,0.5,0.6,0.01,0.55,');
    expect(lines[2]).toBe('2,0.4,0,,,Infinity,0.01,,');
    expect(lines[3].split(',')[5]).toBe('NaN');
    expect(lines[3].split(',')[3]).toBe('0.35');
    expect(lines.slice(1).every((l) => l.split(',').length === 9)).toBe(true);
  });
  it('JSON: parses, holds the settings, losses (NaN and Infinity kept apart, as strings) and checkpoint predictions', () => {
    const j = JSON.parse(runToJson(run)) as Record<string, unknown> & {
      settings: { hidden: number };
      nets: { train_mse: (number | string)[]; test_mse: { epoch: number; mse: number | string }[] }[];
      checkpoints: { epoch: number; nets: { test_pred: (number | string)[] }[] }[];
    };
    expect(j.format).toBe('dropout-lab-run/2');
    expect(j.number_format).toBe('non-finite numbers are written as the strings "NaN", "Infinity" and "-Infinity"');
    expect(j.settings.hidden).toBe(300);
    expect(j.nets[1].train_mse).toEqual([0.6, 'Infinity', 'NaN']);
    expect(j.nets[1].test_mse[1]).toEqual({ epoch: 3, mse: 'NaN' });
    expect(runToJson(run).replace(/"diverged_at": null/g, '')).not.toContain('null');
    expect(j.checkpoints.map((c) => c.epoch)).toEqual([0, 3]);
    expect(j.checkpoints[1].nets[0].test_pred).toEqual([0.1, 0.8]);
    expect(j.checkpoints[1].nets[1].test_pred).toEqual(['NaN', 0]);
  });
  it('every non-finite number has its own name in JSON', () => {
    expect([NaN, Infinity, -Infinity, 0, -1.5].map(jsonNumber)).toEqual(['NaN', 'Infinity', '-Infinity', 0, -1.5]);
    expect(JSON.stringify({ a: [NaN, -Infinity], b: { c: Infinity } }, nonFiniteAsStrings)).toBe(
      '{"a":["NaN","-Infinity"],"b":{"c":"Infinity"}}',
    );
  });
});

describe('weights in the golden layout', () => {
  it('shapes and nesting follow nn.Linear.weight [out][in]', () => {
    expect(paramShapes([1, 3, 3, 1]).map((p) => `${p.name}:${p.shape.join('x')}`)).toEqual([
      'W1:3x1',
      'b1:3',
      'W2:3x3',
      'b2:3',
      'W3:1x3',
      'b3:1',
    ]);
    expect(toNested([1, 2, 3, 4, 5, 6], 2, 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => toNested([1, 2], 2, 3)).toThrow(/2×3/);
  });
  it('writes arch and params per net, values bit-identical after Math.fround', () => {
    const sizes = [1, 2, 2, 1];
    const params: Record<string, Float32Array> = {
      W1: Float32Array.from([0.1, -0.2]),
      b1: Float32Array.from([0, 0.3]),
      W2: Float32Array.from([1, 2, 3, 4]),
      b2: Float32Array.from([5, 6]),
      W3: Float32Array.from([7, 8]),
      b3: Float32Array.from([9]),
    };
    const j = JSON.parse(weightsToGoldenJson(sizes, [{ name: 'dropout', params }], { epoch: 42 })) as {
      arch: { sizes: number[]; param_order: string[] };
      epoch: number;
      nets: Record<string, { params: Record<string, number[] | number[][]> }>;
    };
    expect(j.arch).toEqual({ sizes, param_order: ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'] });
    expect(j.epoch).toBe(42);
    const p = j.nets.dropout.params;
    expect(p.W2).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(p.W3).toEqual([[7, 8]]);
    expect((p.W1 as number[][]).map((r) => Math.fround(r[0]))).toEqual([...params.W1]);
    expect(() => weightsToGoldenJson(sizes, [{ name: 'x', params: { W1: params.W1 } }])).toThrow(/b1 is missing/);
    expect(weightsToGoldenJson(sizes, [{ name: 'dropout', params }], { epoch: 42 })).toContain('"W1":[[0.1],[-0.2]]');
    const diverged = { ...params, b3: Float32Array.from([NaN]), b2: Float32Array.from([Infinity, -Infinity]) };
    const text = weightsToGoldenJson(sizes, [{ name: 'dropout', params: diverged }], { epoch: 42 });
    expect(text).toContain('"b2":["Infinity","-Infinity"]');
    expect(text).toContain('"b3":["NaN"]');
  });
  it('writes each float32 as its shortest round-trip decimal', () => {
    expect(shortestF32(Math.fround(0.1))).toBe(0.1);
    expect(shortestF32(Math.fround(-3e-7))).toBe(-3e-7);
    expect(shortestF32(Math.fround(1.2345678))).toBe(1.2345678);
    const r = new Float32Array(2000);
    for (let i = 0; i < r.length; i++) r[i] = (Math.sin(i * 12.9898) * 43758.5453) % 1;
    for (const v of r) {
      const s = shortestF32(v);
      expect(Math.fround(s)).toBe(v);
      expect(String(s).replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
  });
});
