import { CliError, usageError } from './cli/cli-error.js';
import { processOutput, type CliOutput } from './cli/cli-output.js';
import { runAliasesCommand, runNeverLogCommand, runTokensCommand } from './cli/account-commands.js';
import { runDbCommand } from './cli/db-command.js';
import { runImportCrmCommand } from './cli/import-crm-command.js';
import { runImportMailCommand } from './cli/import-mail-command.js';
import { runOpenCommand } from './cli/open-command.js';
import { runServeCommand } from './cli/serve-command.js';
import { runForgetCommand, runReprocessCommand, runRetryCommand } from './cli/journal-commands.js';
import { runLogCommand } from './cli/log-command.js';
import { runManifestCommand } from './cli/manifest-command.js';
import { runResultsCommand } from './cli/results-command.js';
import { runStartCommand } from './cli/start-command.js';
import { runTrustCaCommand } from './cli/trust-ca-command.js';
import { cliVersion } from './cli/cli-version.js';
import { formatCommandHelp, isCommandName, type CommandName } from './cli/command-help.js';
import { usage } from './cli/usage.js';
import { runUsersCommand } from './cli/users-command.js';
import { CrmStoreError } from './crm/local/crm-store-error.js';

type Command = (args: ReadonlyArray<string>, out: CliOutput) => Promise<number>;

const commands: Readonly<Record<CommandName, Command>> = {
  log: runLogCommand,
  results: runResultsCommand,
  import: runImportMailCommand,
  'import-crm': runImportCrmCommand,
  serve: runServeCommand,
  db: runDbCommand,
  open: runOpenCommand,
  users: runUsersCommand,
  aliases: runAliasesCommand,
  tokens: runTokensCommand,
  'never-log': runNeverLogCommand,
  retry: runRetryCommand,
  reprocess: runReprocessCommand,
  forget: runForgetCommand,
  start: runStartCommand,
  manifest: runManifestCommand,
  'trust-ca': (args, out) => runTrustCaCommand(args, out),
  help: async ([topic, ...extra], out) => {
    if (topic === undefined) {
      out.print(usage);
      return 0;
    }
    if (!isCommandName(topic) || extra.length > 0) {
      throw usageError(`help: no command ${JSON.stringify([topic, ...extra].join(' '))}`);
    }
    out.print(formatCommandHelp(topic));
    return 0;
  },
};

/** `--help` or `-h` anywhere before a `--` asks for the command's help instead of running it. */
function asksForHelp(args: ReadonlyArray<string>): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** The `crm-mail-logger` command. Every failure is one line on stderr and a non-zero exit, never a stack trace. */
export async function runCli(argv: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      out.print(usage);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-V') {
      out.print(`crm-mail-logger ${cliVersion()}`);
      return 0;
    }
    if (!isCommandName(name)) {
      throw usageError(`unknown command ${JSON.stringify(name)}`);
    }
    if (asksForHelp(args)) {
      out.print(formatCommandHelp(name));
      return 0;
    }
    const command = commands[name];
    return await command(args, out);
  } catch (error) {
    if (error instanceof CliError) {
      error.message.split('\n').forEach((line) => out.error(line));
      return error.exitCode;
    }
    if (error instanceof CrmStoreError) {
      out.error(error.message);
      return 1;
    }
    // A bug: still one line, with what a bug report needs; CRM_MAIL_LOGGER_DEBUG=1 shows the stack.
    const message = error instanceof Error ? error.message : String(error);
    out.error(`internal error: ${message.split('\n')[0] ?? ''}`);
    if (process.env['CRM_MAIL_LOGGER_DEBUG'] === '1' && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    return 70;
  }
}

process.exitCode = await runCli(process.argv.slice(2), processOutput);
