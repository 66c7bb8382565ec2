/**
 * Peak memory, sampled every 100 ms: the Node process's RSS, and the summed RSS of the Chromium
 * process tree (the browser, its zygotes, GPU/utility and renderer processes). The pool exposes
 * no pid: the trees are found as the Chromium children of this process and their descendants,
 * from /proc (the same pid/ppid table `ps -e -o pid=,ppid=` prints, without forking a `ps`).
 * Summed RSS counts shared pages (the binary, libraries) once per process: an upper bound. PSS
 * (from smaps_rollup, shared pages split between their users) is printed beside it.
 */
import { readdir, readFile } from 'node:fs/promises';

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
}

export interface MemoryPeaks {
  /** Highest sampled RSS of this Node process, in bytes. */
  nodeRss: number;
  /** Highest summed VmRSS of the Chromium trees, in bytes. */
  chromiumRss: number;
  /** Highest summed PSS of the Chromium trees, in bytes. */
  chromiumPss: number;
  /** Processes in the Chromium trees at that peak. */
  chromiumProcesses: number;
}

async function processes(): Promise<Proc[]> {
  const entries = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const read = await Promise.all(
    entries.map(async (name) => {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so cut at the last ')'.
      const close = stat.lastIndexOf(')');
      if (close < 0) return undefined;
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      return { pid: Number(name), ppid, comm: stat.slice(stat.indexOf('(') + 1, close) };
    }),
  );
  return read.filter((proc): proc is Proc => proc !== undefined);
}

/** Which Chromium children of this process to count: one (`root`), or all but one. */
export interface TreeFilter {
  root?: number;
  excludeRoot?: number;
}

/** Chromium children of this process (filtered) and all their descendants. */
export async function chromiumTree(filter: TreeFilter = {}): Promise<number[]> {
  const all = await processes();
  const children = new Map<number, number[]>();
  for (const proc of all) children.set(proc.ppid, [...(children.get(proc.ppid) ?? []), proc.pid]);
  const roots = all
    .filter((proc) => proc.ppid === process.pid && /chrom|headless/i.test(proc.comm))
    .map((proc) => proc.pid)
    .filter((pid) => (filter.root ?? pid) === pid && pid !== filter.excludeRoot);
  const tree: number[] = [];
  for (let stack = roots; stack.length > 0;) {
    const pid = stack.pop() as number;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** A "Key:   1234 kB" line of a /proc file, in bytes (0 if the process has gone). */
async function kilobytes(file: string, key: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : 0;
}

export async function chromiumMemory(
  filter: TreeFilter = {},
): Promise<{ rss: number; pss: number; count: number }> {
  const tree = await chromiumTree(filter);
  const [rss, pss] = await Promise.all([
    Promise.all(tree.map((pid) => kilobytes(`/proc/${pid}/status`, 'VmRSS'))),
    Promise.all(tree.map((pid) => kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss'))),
  ]);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return { rss: sum(rss), pss: sum(pss), count: tree.length };
}

/** Samples until `stop()`, which resolves with the peaks seen (and one last sample). */
export function watchMemory(
  filter: TreeFilter = {},
  intervalMs = 100,
): { stop(): Promise<MemoryPeaks> } {
  const peaks: MemoryPeaks = { nodeRss: 0, chromiumRss: 0, chromiumPss: 0, chromiumProcesses: 0 };
  let sampling: Promise<void> | undefined;
  const sample = async () => {
    peaks.nodeRss = Math.max(peaks.nodeRss, process.memoryUsage.rss());
    const chromium = await chromiumMemory(filter);
    if (chromium.rss > peaks.chromiumRss) {
      peaks.chromiumRss = chromium.rss;
      peaks.chromiumProcesses = chromium.count;
    }
    peaks.chromiumPss = Math.max(peaks.chromiumPss, chromium.pss);
  };
  // A sample still running when the next is due: that one is skipped.
  const timer = setInterval(() => {
    sampling ??= sample().finally(() => (sampling = undefined));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      await sample();
      return peaks;
    },
  };
}
