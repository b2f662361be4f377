/** What the intake reports about itself (connections, retries, quarantined messages); the companion's logger. */
export type IntakeLogger = {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
};

export const silentLogger: IntakeLogger = { info: () => {}, warn: () => {}, error: () => {} };
