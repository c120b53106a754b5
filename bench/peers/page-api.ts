// The contract between the runner (run.ts, in Node) and the benchmark page (browser/page.ts):
// what the page puts on `window.benchPeers` once it is ready.

import type { CellSpec, PageInfo } from './cells';
import type { Measurement, Split } from './harness';

/** One cell's result: the timed runs, the untimed setup, and the split run when asked for. */
export type CellResult = Measurement & { setupMs: number; split?: Split };

export interface BenchPeersApi {
  info(): Promise<PageInfo>;
  run(spec: CellSpec): Promise<CellResult>;
}

declare global {
  interface Window {
    benchPeers: BenchPeersApi;
  }
}
