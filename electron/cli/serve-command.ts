import { loadCompanionConfig } from '../config/load-companion-config.js';
import { startCompanion } from '../companion/start-companion.js';
import { createJsonLineLogger } from '../core/logger.js';
import { CliError, usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';

/**
 * `serve --config CONFIG.json` (C5, docs/deployment.md): the companion headless, until SIGTERM or SIGINT; then it finishes
 * the message in hand and exits 0. Logs are JSON lines on stderr.
 */
export async function runServeCommand(args: ReadonlyArray<string>, _out: CliOutput): Promise<number> {
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
  let companion;
  try {
    companion = await startCompanion(config.value, { logger });
  } catch (error) {
    throw new CliError(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Without a mailbox nothing else holds the event loop open; the timer keeps `serve` alive until a signal.
  const keepAlive = setInterval(() => undefined, 60_000);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info('stopping', { signal });
  clearInterval(keepAlive);
  await companion.stop();
  return 0;
}
