import { commandHelp, exitCodesHelp } from './command-help.js';

/** The text of `crm-mail-logger help` and `--help`: every command's usage, built from the commands' own help. */
export const usage = [
  'crm-mail-logger — log email into a CRM through the BCC and forwarding addresses',
  '',
  'Usage:',
  ...Object.values(commandHelp).flatMap((help) => help.usage.map((line) => `  crm-mail-logger ${line}`)),
  '  crm-mail-logger --version',
  '',
  "'crm-mail-logger COMMAND --help' says what a command does and what each option means.",
  'Without --store, the store is the per-user one in the data folder of the operating system',
  '(CRM_MAIL_LOGGER_STORE overrides it).',
  '',
  exitCodesHelp('the command failed (the message says why)'),
].join('\n');
