// `npm run profile:webgpu`: the per-dispatch profile (dispatch-profile.ts) of the seed job and the
// 64-model grid, in Node through Dawn (SwiftShader unless VK_ICD_FILENAMES names another driver's
// ICD, as on a GPU machine) or with --browser in headless Chromium (profile-browser.ts). The
// backend's dispatch grouping and tiling profile are the adapter's unless --merge on|off or
// --profile gpu|cpu say otherwise. Prints one markdown table per job. Not a vitest file.
//   npm run profile:webgpu [-- --jobs seed,grid --browser --merge on --profile cpu --reps 5 --trials 3]

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend, type WebGpuBackendOptions } from '../../src/backends/webgpu/webgpu-backend';
import { formatProfile, profileJob, type JobName, type ProfileOptions } from './dispatch-profile';
import { profileInChromium } from './profile-browser';

/**
 * CPU milliseconds used so far by the process's threads other than the main (JavaScript) one: on
 * SwiftShader, its worker threads, which run the shaders (plus Node's small change). The main
 * thread's own time is left out: Dawn's Node binding polls there, busily, while a readback waits.
 * From /proc (10 ms ticks); process.cpuUsage() (all threads) where there is no /proc.
 */
function workerCpuMs(): number {
  if (!existsSync('/proc/self/task')) {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  }
  let ticks = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    if (Number(tid) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks * 10;
}

function jobNames(list: string): JobName[] {
  return list.split(',').map((j) => {
    const name = j.trim();
    if (name !== 'seed' && name !== 'grid') throw new Error(`--jobs: unknown job "${j}" (seed, grid)`);
    return name;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      jobs: { type: 'string', default: 'seed,grid' },
      merge: { type: 'string', default: 'default' },
      profile: { type: 'string', default: 'auto' },
      reps: { type: 'string', default: '5' },
      trials: { type: 'string', default: '3' },
      browser: { type: 'boolean', default: false },
    },
  });
  const jobs = jobNames(values.jobs);
  const o: ProfileOptions = { reps: Number(values.reps), trials: Number(values.trials) };
  const backend: WebGpuBackendOptions = {
    ...(values.merge === 'on' || values.merge === 'off' ? { merge: values.merge === 'on' } : {}),
    ...(values.profile === 'gpu' || values.profile === 'cpu' ? { profile: values.profile } : {}),
  };
  console.log(`reps ${o.reps}, best of ${o.trials} trials; merge ${values.merge}; profile ${values.profile}`);
  if (values.browser) {
    const { version, profiles } = await profileInChromium(jobs, o, backend);
    for (const p of profiles) console.log(`\n${formatProfile(p, `Chromium ${version}`)}`);
    return;
  }
  const node = createNodeGpu();
  try {
    const b = await createWebGpuBackend(node.gpu, backend);
    try {
      for (const job of jobs) {
        const p = await profileJob(b, job, { now: () => performance.now(), cpu: workerCpuMs }, o);
        console.log(`\n${formatProfile(p, `Node ${process.version} (CPU ms: the emulator's threads)`)}`);
      }
    } finally {
      b.dispose();
    }
  } finally {
    node.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
