/**
 * How the running time of a function grows with its input: the fastest time at size 4n over the fastest time
 * at size n (noise only ever adds time). A linear function gives about 4, a quadratic one about 16. n is chosen per case by doubling until one
 * run takes long enough to be well above timer noise, so a quadratic function is caught at a small size (and
 * quickly) while a linear one is measured at a size where its time means something.
 */
export type GrowthCase<T> = {
  readonly name: string;
  /** The hostile input of size `n` (n repeats of the hostile shape), built outside the timing. */
  readonly build: (n: number) => T;
  readonly run: (input: T) => unknown;
};

export type Growth = {
  readonly name: string;
  readonly n: number;
  readonly ms: number;
  readonly ratio: number;
};

/** One run at the calibrated size does at least this much work, in ms, so that it dominates allocation noise. */
const CALIBRATED_MS = 5;
/** One measurement lasts at least this long, in ms (fast functions are timed over several runs at a time). */
const MEASURED_MS = 5;
/** Repeats of the hostile shape at most, so that 4n stays within the 4 MiB text limit for every shape used. */
const MAX_N = 1 << 18;
const START_N = 1 << 8;
const SAMPLES = 5;

export function measureGrowth<T>(kase: GrowthCase<T>): Growth {
  // Warm up first: the first runs include compiling the code under test.
  const warm = kase.build(START_N);
  timeRuns(kase, warm, 3);
  let n = START_N;
  let input = kase.build(n);
  let once = perRun(kase, input);
  while (n < MAX_N && once < CALIBRATED_MS) {
    n *= 2;
    input = kase.build(n);
    once = perRun(kase, input);
  }
  const large = kase.build(4 * n);
  const repeats = Math.max(1, Math.ceil(MEASURED_MS / Math.max(once, 0.001)));
  const largeRepeats = Math.max(1, Math.ceil(repeats / 4));
  // Interleaved, so that a change of machine load hits both sizes alike.
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    smallTimes.push(timeRuns(kase, input, repeats) / repeats);
    largeTimes.push(timeRuns(kase, large, largeRepeats) / largeRepeats);
  }
  // The fastest of each: noise (other processes, garbage collection) only ever adds time.
  const small = Math.min(...smallTimes);
  return { name: kase.name, n, ms: small, ratio: Math.min(...largeTimes) / Math.max(small, 1e-6) };
}

/** The time of one run in ms, over as many runs as take MEASURED_MS (at least one). */
function perRun<T>(kase: GrowthCase<T>, input: T): number {
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURED_MS && runs < 10_000) {
    kase.run(input);
    runs++;
    elapsed = performance.now() - start;
  }
  return elapsed / runs;
}

function timeRuns<T>(kase: GrowthCase<T>, input: T, repeats: number): number {
  const start = performance.now();
  for (let i = 0; i < repeats; i++) {
    kase.run(input);
  }
  return performance.now() - start;
}
