/**
 * Remembers the answers of a pure one-argument function for up to `maxEntries` recent arguments (least recently
 * used evicted first), for a string key no longer than `maxKeyLength` (a longer one is computed every time, so
 * hostile input cannot fill memory). The answers must be immutable: every caller gets the same value.
 */
export function boundedMemo<R>(
  compute: (key: string) => R,
  options: { readonly maxEntries: number; readonly maxKeyLength: number },
): (key: string) => R {
  const known = new Map<string, R>();
  return (key) => {
    if (key.length > options.maxKeyLength) {
      return compute(key);
    }
    if (known.has(key)) {
      const value = known.get(key) as R;
      // A Map iterates in insertion order: inserting again makes this the most recent.
      known.delete(key);
      known.set(key, value);
      return value;
    }
    const value = compute(key);
    known.set(key, value);
    if (known.size > options.maxEntries) {
      const oldest = known.keys().next();
      if (oldest.done !== true) {
        known.delete(oldest.value);
      }
    }
    return value;
  };
}
