/** A sliding window over the last minute: the public pairing routes answer at most `perMinute` calls. */
export function createRateLimit(perMinute: number, now: () => number = Date.now): () => boolean {
  let calls: number[] = [];
  return () => {
    const t = now();
    calls = calls.filter((at) => at > t - 60_000);
    if (calls.length >= perMinute) {
      return false;
    }
    calls.push(t);
    return true;
  };
}
