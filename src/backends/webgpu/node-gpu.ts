// Node-only: a GPU object from the `webgpu` npm package (Dawn), for tests, the CLI and benchmarks.
// Keep this import out of the backend itself so the backend bundles for browsers and workers.
// Without a GPU, run Node with VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
// (apt-get install chromium libvulkan1) to get SwiftShader's Vulkan implementation.

import { create, globals } from 'webgpu';

export interface NodeGpu {
  readonly gpu: GPU;
  /** drops the Dawn instance (destroy your devices first) so Node can exit */
  dispose(): void;
}

export function createNodeGpu(flags: readonly string[] = []): NodeGpu {
  Object.assign(globalThis, globals);
  let gpu: GPU | undefined = create([...flags]);
  return {
    get gpu(): GPU {
      if (!gpu) throw new Error('node-gpu: disposed');
      return gpu;
    },
    dispose(): void {
      gpu = undefined;
    },
  };
}
