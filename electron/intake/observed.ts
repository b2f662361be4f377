/**
 * A promise awaited later: its rejection is not "unhandled" meanwhile (which would end the process), and still
 * reaches the `await`.
 */
export function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
