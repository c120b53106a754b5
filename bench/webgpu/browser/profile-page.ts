// The page of `npm run profile:webgpu -- --browser`: opens WebGPU the way the app does
// (navigator.gpu) and runs dispatch-profile.ts in Chromium, for profile-browser.ts.

import { createWebGpuBackend, type WebGpuBackendOptions } from '../../../src/backends/webgpu/webgpu-backend';
import { profileJob, type JobName, type JobProfile, type ProfileOptions } from '../dispatch-profile';

export type ProfileDispatches = (jobs: JobName[], o: ProfileOptions, backend: WebGpuBackendOptions) => Promise<JobProfile[]>;

declare global {
  interface Window {
    profileDispatches: ProfileDispatches;
  }
}

window.profileDispatches = async (jobs, o, options) => {
  const backend = await createWebGpuBackend(undefined, options);
  try {
    const out: JobProfile[] = [];
    for (const job of jobs) out.push(await profileJob(backend, job, { now: () => performance.now() }, o));
    return out;
  } finally {
    backend.dispose();
  }
};
