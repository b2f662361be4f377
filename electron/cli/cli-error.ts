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

export function usageError(message: string): CliError {
  return new CliError(`${message}\nRun 'crm-mail-logger help' for usage.`, 2);
}
