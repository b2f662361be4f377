/** A failure the user can act on: printed as one line, never as a stack trace. `usage` errors exit 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A wrong command line: one line that says what is wrong and where the usage is. */
export function usageError(message: string): CliError {
  return new CliError(`${message.replace(/\.?\s*$/, '')} (see 'crm-mail-logger help')`, 2);
}
