/** A comma- or space-separated list as typed into one field: trimmed, without empty items or repeats. */
export function parseList(typed: string): string[] {
  return [
    ...new Set(
      typed
        .split(/[\s,]+/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}
