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

/**
 * The growth of `kase`, measured again (up to `attempts` times in all) while it is not below `below`: noise only
 * adds time, so a linear function measured once under a burst of load is cleared by the next measurement, while
 * a quadratic one stays near 16 every time.
 */
export function measureGrowth<T>(kase: GrowthCase<T>, below = Infinity, attempts = 3): Growth {
  let best = measureOnce(kase);
  for (let i = 1; i < attempts && best.ratio >= below; i++) {
    const again = measureOnce(kase);
    best = again.ratio < best.ratio ? again : best;
  }
  return best;
}

function measureOnce<T>(kase: GrowthCase<T>): Growth {
  // Warm up first: the first runs include compiling the code under test.
  const warm = kase.build(START_N);
  timeRuns(kase, warm, 3);
  const perRunOf = (sample: Timed, runs: number): Timed => ({
    wall: sample.wall / runs,
    cpu: sample.cpu / runs,
  });
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
  const smallTimes: Timed[] = [];
  const largeTimes: Timed[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    smallTimes.push(perRunOf(timeRuns(kase, input, repeats), repeats));
    largeTimes.push(perRunOf(timeRuns(kase, large, largeRepeats), largeRepeats));
  }
  // The fastest of each: noise (other processes, garbage collection) only ever adds time.
  const small = fastest(smallTimes);
  return { name: kase.name, n, ms: small, ratio: fastest(largeTimes) / Math.max(small, 1e-6) };
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

type Timed = { readonly wall: number; readonly cpu: number };

/** Wall and CPU time (ms) of `repeats` runs. */
function timeRuns<T>(kase: GrowthCase<T>, input: T, repeats: number): Timed {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < repeats; i++) {
    kase.run(input);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * The fastest wall time among the samples that had a core throughout: one whose CPU time falls well short of its
 * wall time waited while other processes ran (test files side by side on two cores), and says nothing of the
 * code. CPU time itself is not the measure: it also counts the garbage collector's threads.
 */
function fastest(samples: ReadonlyArray<Timed>): number {
  const onCore = samples.filter((s) => s.cpu >= 0.8 * s.wall);
  return Math.min(...(onCore.length > 0 ? onCore : samples).map((s) => s.wall));
}
