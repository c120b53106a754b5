// WebGPU's numeric flag constants (fixed by the spec), so the backend does not depend on the
// GPUBufferUsage / GPUMapMode / GPUShaderStage globals being installed (Node's `webgpu` package
// only provides them through its `globals` object).

export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const MapMode = { READ: 0x0001 } as const;

export const ShaderStage = { COMPUTE: 0x0004 } as const;
