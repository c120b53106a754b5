// PyTorch's figures for the seed's job on this machine, read from ../shared/reference/timing.txt
// (make_reference.py: the tutorial loop, 500 epochs, both nets, eval every 50; warm-up, then the
// median of 5 runs per thread setting).

export interface PyTorchSetting {
  readonly threads: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly msPerEpoch: number;
  readonly runsMs: readonly number[];
}

export interface PyTorchTiming {
  readonly settings: readonly PyTorchSetting[];
  readonly machine?: string;
  readonly software?: string;
  readonly loadAverage?: string;
  /** the torch.profiler summary line */
  readonly profile?: string;
}

export function parseTimingTxt(text: string): PyTorchTiming {
  const lines = text.split('\n');
  const settings: PyTorchSetting[] = [];
  const head = /torch\.set_num_threads\((\d+)\): train median ([\d.]+) s \(min ([\d.]+), max ([\d.]+)\); per epoch ([\d.]+) ms/;
  lines.forEach((line, i) => {
    const m = head.exec(line);
    if (!m) return;
    const runs = /runs \(train s\): (.*)$/.exec(lines[i + 1] ?? '');
    settings.push({
      threads: Number(m[1]),
      medianMs: Number(m[2]) * 1000,
      minMs: Number(m[3]) * 1000,
      maxMs: Number(m[4]) * 1000,
      msPerEpoch: Number(m[5]),
      runsMs: runs ? runs[1].split(',').map((s) => Number(s.trim()) * 1000) : [],
    });
  });
  if (settings.length === 0) throw new Error('timing.txt: no "torch.set_num_threads(N): train median …" line');
  const field = (prefix: string) =>
    lines
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim();
  return {
    settings,
    machine: field('machine:'),
    software: field('software:'),
    loadAverage: field('load average (1/5/15 min) before timing:'),
    profile: lines.find((l) => l.startsWith('profile ('))?.trim(),
  };
}
