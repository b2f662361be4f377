/**
 * The companion's logger as every background part sees it (intake, outbox worker, notice sender): a message and
 * structured fields. `serve` writes JSON lines to stderr; tests pass a recording one. Never `console` (CONTRIBUTING.md).
 */
export type Logger = {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
};

/** For callers that do not care. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** One JSON object per line (time, level, message, fields): what IT's log collectors read. */
export function createJsonLineLogger(
  write: (line: string) => void,
  clock: () => Date = () => new Date(),
): Logger {
  const log =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields: Readonly<Record<string, unknown>> = {}): void =>
      write(`${JSON.stringify({ time: clock().toISOString(), level, message, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
