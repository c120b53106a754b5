// PyTorch golden parity on WebGPU (Dawn; SwiftShader without a GPU): the same cases as on the CPU,
// the wide files' cases a and b only unless GPU_PARITY_FULL=1.
import { GPU_SKIPPED, openGpu } from '../helpers/gpu';
import { describeGoldenParity } from './golden-parity';

if (!GPU_SKIPPED) describeGoldenParity('webgpu', openGpu);
