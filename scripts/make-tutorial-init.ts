// Writes src/experiment/pytorch-tutorial-init.f32: PyTorch's initial weights of the tutorial's two
// nets from GOLDEN_DIR/seed_run.json, packed as float32 (per net, the plan's parameter order), so the
// page can start the Tutorial preset from them. `npx tsx scripts/make-tutorial-init.ts`
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCpuBackend } from '../src/backends/cpu/cpu-backend';
import { loadSeedRun, seedRunInit } from '../src/cli/pytorch-init';
import { packInit } from '../src/experiment/pytorch-init';
import { Experiment } from '../src/experiment/runner';
import { defaultSettings } from '../src/experiment/settings';

const run = loadSeedRun();
if (!run) throw new Error('seed_run.json not found in GOLDEN_DIR (default ../shared/reference)');
const probe = await Experiment.create(defaultSettings(), createCpuBackend());
const init = seedRunInit(run, probe.parameterNames);
probe.dispose();
const out = resolve(import.meta.dirname, '../src/experiment/pytorch-tutorial-init.f32');
writeFileSync(out, packInit(init));
console.log(`wrote ${out}: ${init.length} nets × ${init[0].map((p) => p.length).join('+')} floats`);
