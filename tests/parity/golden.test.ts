// PyTorch golden parity on the CPU reference backend (every case of every golden_*.json).
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { describeGoldenParity } from './golden-parity';

describeGoldenParity('cpu', () => {
  const backend = createCpuBackend();
  return Promise.resolve({ backend, close: () => backend.dispose() });
});
