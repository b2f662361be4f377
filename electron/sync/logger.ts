/**
 * The companion's logger as its background workers see it (the outbox worker, the notice sender): a message and
 * structured fields. The companion passes its own; tests pass a recording one. Never `console` (STYLE §2.8).
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
