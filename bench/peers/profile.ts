// Where a Node run spends its time: the V8 sampling profiler (node:inspector) around a function,
// summarised as self time per function (JavaScript and WebAssembly alike).

import { Session } from 'node:inspector/promises';

export interface HotSpot {
  readonly name: string;
  readonly where: string;
  readonly ms: number;
  /** fraction of all sampled time */
  readonly share: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function from a V8 CPU profile, largest first (pure; exported for tests). */
export function selfTimes(profile: Profile, root = ''): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  const samples = profile.samples ?? [],
    deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = deltas[i + 1] ?? 0; // a sample's time runs until the next sample
    if (!node) return;
    const f = node.callFrame;
    const name = f.functionName || '(anonymous)';
    const url = f.url.startsWith('file://') ? f.url.slice(7) : f.url;
    // (code run through tsx reports line 0 for everything: then the file alone)
    const file = root && url.startsWith(root) ? url.slice(root.length) : url;
    const where = url ? (f.lineNumber > 0 ? `${file}:${f.lineNumber + 1}` : file) : '';
    const key = `${name}@${where}`;
    const e = self.get(key) ?? { name, where, us: 0 };
    e.us += us;
    self.set(key, e);
    total += us;
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .map((e) => ({ name: e.name, where: e.where, ms: e.us / 1000, share: total > 0 ? e.us / total : 0 }));
}

export async function profile(fn: () => Promise<void>, root = ''): Promise<HotSpot[]> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    await fn();
    const { profile: p } = (await session.post('Profiler.stop')) as { profile: Profile };
    return selfTimes(p, root);
  } finally {
    session.disconnect();
  }
}
