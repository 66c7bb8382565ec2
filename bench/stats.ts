/** Latency and throughput of a warm operation, measured the same way for every bench. */

/** Warm iterations per measurement (BENCH_RENDERS overrides; 60 keeps a run under ~2 min). */
export const WARM_RENDERS = Math.max(1, Math.floor(Number(process.env.BENCH_RENDERS ?? 60)) || 60);

export interface Latency {
  p50Ms: number;
  p95Ms: number;
}

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** `count` runs one after the other; p50 and p95 of their durations. */
export async function latency(
  work: () => Promise<unknown>,
  count = WARM_RENDERS,
  onEach?: () => void,
): Promise<Latency> {
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
    onEach?.();
  }
  durations.sort((a, b) => a - b);
  return { p50Ms: percentile(durations, 50), p95Ms: percentile(durations, 95) };
}

/** Operations per second: `count` runs shared by `concurrency` loops. */
export async function throughput(
  work: () => Promise<unknown>,
  concurrency: number,
  count = WARM_RENDERS,
): Promise<number> {
  let remaining = count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining-- > 0) await work();
    }),
  );
  return (count / (performance.now() - started)) * 1000;
}

/** The first run's duration and result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export const round = (value: number) => Math.round(value * 10) / 10;
export const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Two operations alternated (A B, B A, A B…) for `count` rounds: both see the same machine load,
 * which a noisy machine otherwise shifts between two measurements taken one after the other.
 */
export async function interleavedLatency(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  count = WARM_RENDERS,
): Promise<[Latency, Latency]> {
  const durations: [number[], number[]] = [[], []];
  const run = async (work: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await work();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      await run(a, durations[0]);
      await run(b, durations[1]);
    } else {
      await run(b, durations[1]);
      await run(a, durations[0]);
    }
  }
  const summary = (values: number[]): Latency => {
    values.sort((x, y) => x - y);
    return { p50Ms: percentile(values, 50), p95Ms: percentile(values, 95) };
  };
  return [summary(durations[0]), summary(durations[1])];
}
