/** Ends every switch over a union, so that a new member is a compile error (Signal's missingCaseError). */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
