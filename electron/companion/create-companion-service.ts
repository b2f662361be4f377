import type { CompanionService } from '#shared/api/companion-api.js';
import { createCheckMethods } from './check-methods.js';
import { createImportJobs } from './import-jobs.js';
import { createMeMethods } from './me-methods.js';
import { createNeverLogMethods } from './never-log-methods.js';
import { createPairingMethods } from './pairing-methods.js';
import { createResultsMethods } from './results-methods.js';
import { createSelfTestMethods } from './self-test-methods.js';
import { createSettingsMethods } from './settings-methods.js';
import { createSetupMethods } from './setup-methods.js';
import type { Companion } from './start-companion.js';

export type CompanionServiceOptions = {
  /** False under IT's config file (`serve --config`): the window shows the connection read-only. */
  readonly editable: boolean;
};

/**
 * The local API, implemented once (docs/api.md) over a running companion: the HTTPS server and Electron's IPC
 * both call this object with input already checked against the route's schema. The type is the contract's, so a
 * route without a method is a compile error.
 */
export function createCompanionService(
  companion: Companion,
  options: CompanionServiceOptions,
): CompanionService & { settled(): Promise<void> } {
  const me = createMeMethods(companion);
  const imports = createImportJobs(companion);
  return {
    ...me,
    ...createResultsMethods(companion, me.getStatus),
    ...createSettingsMethods(companion, options),
    ...createSetupMethods(companion, options),
    ...createNeverLogMethods(companion),
    ...createCheckMethods(companion),
    ...createSelfTestMethods(companion),
    ...imports,
    ...createPairingMethods(companion),
  };
}
