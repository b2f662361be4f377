import { isCommandName } from './command-help.js';

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

/**
 * A wrong command line: one line that says what is wrong and where the help is, the command's own when the
 * message starts with its name (`log: …`, `usage: log …`).
 */
export function usageError(message: string): CliError {
  const command = /^(?:usage: )?([a-z-]+)[: ]/.exec(message)?.[1];
  const help =
    command !== undefined && command !== 'help' && isCommandName(command)
      ? `crm-mail-logger ${command} --help`
      : 'crm-mail-logger help';
  return new CliError(`${message.replace(/\.?\s*$/, '')} (see '${help}')`, 2);
}
