import { loadCompanionConfig } from '../config/load-companion-config.js';
import { createJsonLineLogger } from '../core/logger.js';
import { CliError, usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';
import { runHeadless } from './run-headless.js';

/**
 * `serve --config CONFIG.json` (C5, docs/deployment.md): the companion headless with its window and API (docs/api.md), until
 * SIGTERM or SIGINT; then it finishes the message in hand and exits 0. Logs are JSON lines on stderr.
 */
export async function runServeCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('serve', args, { config: { type: 'string' } });
  const file = stringOption(parsed, 'config');
  if (file === undefined || parsed.positionals.length > 0) {
    throw usageError('usage: serve --config CONFIG.json');
  }
  const config = await loadCompanionConfig(file, process.env);
  if (!config.ok) {
    throw new CliError(config.error);
  }
  const logger = createJsonLineLogger((line) => process.stderr.write(line));
  return runHeadless(config.value, { logger, out, editable: false });
}
