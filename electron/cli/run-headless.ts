import type { CompanionConfig } from '../config/companion-config.js';
import { createCompanionService } from '../companion/create-companion-service.js';
import { startCompanion, type Companion } from '../companion/start-companion.js';
import type { Logger } from '../core/logger.js';
import { PortInUseError, startCompanionServer } from '../server/start-companion-server.js';
import { CliError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';

/**
 * The companion headless until SIGTERM or SIGINT (C5): the companion itself, and unless `ui` is false its HTTPS
 * server with the window and the API; the window's sign-in URL on one line of stdout. At a signal the server
 * closes first (no new work), then the companion finishes the message in hand; exit 0.
 */
export async function runHeadless(
  config: CompanionConfig,
  deps: {
    readonly logger: Logger;
    readonly out: CliOutput;
    /** False under IT's config file: the window shows the connection read-only. */
    readonly editable: boolean;
    /** Runs once the companion is up, before the server starts (the sample account of `start`). */
    readonly beforeServe?: (companion: Companion) => Promise<void>;
  },
): Promise<number> {
  let companion: Companion;
  try {
    companion = await startCompanion(config, { logger: deps.logger });
  } catch (error) {
    throw new CliError(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const service = createCompanionService(companion, { editable: deps.editable });
  let server;
  try {
    await deps.beforeServe?.(companion);
    server =
      config.ui === false ? null : await startCompanionServer({ companion, service, port: config.ui.port });
  } catch (error) {
    await companion.stop();
    if (error instanceof PortInUseError || error instanceof CliError) {
      throw new CliError(error.message);
    }
    throw error;
  }
  if (server !== null) {
    deps.out.print(`crm-mail-logger: the window is at ${server.signInUrl()}`);
  }
  // Without a mailbox nothing else holds the event loop open; the timer keeps it alive until a signal.
  const keepAlive = setInterval(() => undefined, 60_000);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  deps.logger.info('stopping', { signal });
  clearInterval(keepAlive);
  await server?.close();
  await service.settled();
  await companion.stop();
  return 0;
}
