import type { z } from 'zod';

/** `['users', 2, 'email']` as a reader writes it: `users[2].email`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}

/**
 * The one line a person reads when a schema refuses a document: where, then what, e.g.
 * `users[2].email: not an email address`. A mistyped key is named first, because it is usually the cause of
 * what else looks wrong; otherwise the first problem in document order. `root` names the document itself, and
 * with `underRoot` every path starts with it (`config.store`), for a document whose keys are short words.
 */
export function describeSchemaIssue(error: z.ZodError, root: string, underRoot = false): string {
  // A value that may take one of several shapes (`false` or an object) is judged by the shape it came closest to.
  const issues = error.issues.flatMap((each) =>
    each.code === 'invalid_union'
      ? each.errors.flat().map((inner) => ({ ...inner, path: [...each.path, ...inner.path] }))
      : [each],
  );
  const issue = issues.find((each) => each.code === 'unrecognized_keys') ?? error.issues[0];
  if (issue === undefined) {
    return `${root}: not valid`;
  }
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  return `${formatPath(underRoot ? [root, ...path] : path) || root}: ${issue.message}`;
}
