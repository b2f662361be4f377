/**
 * Messages found to be someone else's (C1 shared mode), remembered by `uidValidity:uid` so that they are not
 * re-read on every poll. An alias or token added since may make one the user's: when `factsRevision` changes,
 * `refresh()` forgets them all, so each is asked about again, once. Without `factsRevision`, they are remembered
 * until they leave the folder.
 */
export type NotMineMemory = {
  readonly notMine: Set<string>;
  refresh(): void;
};

export function createNotMineMemory(factsRevision?: () => number): NotMineMemory {
  const notMine = new Set<string>();
  let revision = factsRevision?.();
  return {
    notMine,
    refresh() {
      const current = factsRevision?.();
      if (current !== revision) {
        notMine.clear();
        revision = current;
      }
    },
  };
}
