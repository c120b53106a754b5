// DROPOUT_LAB_DUMP_WGSL=1 prints every shader the backend compiles, under its label, to stderr (so
// `train --json` keeps a clean stdout), for debugging a kernel or a compile error's line number.
// Read from the Node environment at each compile; off in a browser, where `process` is undefined.

/** The environment variable that turns the dump on (value "1"). */
export const DUMP_WGSL_ENV = 'DROPOUT_LAB_DUMP_WGSL';

type Env = Readonly<Record<string, string | undefined>>;

function processEnv(): Env | undefined {
  return (globalThis as { process?: { env?: Env } }).process?.env;
}

/** True when `env` (Node's process.env; undefined in a browser) sets DROPOUT_LAB_DUMP_WGSL=1. */
export function wgslDumpEnabled(env: Env | undefined): boolean {
  return env?.[DUMP_WGSL_ENV] === '1';
}

/** The shader between two comment lines that name it, ready to paste into a WGSL tool. */
export function formatWgslDump(label: string, wgsl: string): string {
  const lines = wgsl.split('\n').length;
  return `// ---- WGSL "${label}" (${lines} lines) ----\n${wgsl}\n// ---- end of "${label}" ----`;
}

/** Prints the shader when the switch is on. */
export function dumpWgsl(label: string, wgsl: string): void {
  if (wgslDumpEnabled(processEnv())) console.error(formatWgslDump(label, wgsl));
}
