import type { z } from 'zod';
import type { ApiReply } from './api-error.js';
import * as s from './companion-schemas.js';

/**
 * The local API, declared once (docs/api.md). Each method names its HTTP verb and path under `/api/v1/`, who may
 * call it, and the schemas of its input and output. The HTTP server, Electron's IPC, the window's client and the
 * add-in's client are all derived from this table, so a method missing on one side is a compile error.
 *
 * `access`: `owner` = the companion.json token or the window's signed-in session; `pane` = also a paired
 * add-in pane's token; `public` = no token (pairing requests only, rate-limited).
 * `changes`: a method that changes state is never a GET.
 */
export const companionRoutes = {
  getStatus: route('GET', 'status', 'pane', s.emptySchema, s.statusSchema),
  listResults: route('GET', 'results', 'owner', s.resultsQuerySchema, s.resultsPageSchema),
  getResult: route('GET', 'results/:id', 'owner', s.idInputSchema, s.resultDetailSchema),
  retryResult: route('POST', 'results/:id/retry', 'owner', s.idInputSchema, s.resultEntrySchema),
  reprocessResult: route('POST', 'results/:id/reprocess', 'owner', s.idInputSchema, s.resultEntrySchema),
  forgetResult: route('POST', 'results/:id/forget', 'owner', s.idInputSchema, s.removedSchema),
  /** Marks every failure so far as seen: the tray badge clears. */
  markFailuresSeen: route('POST', 'results/seen', 'owner', s.emptySchema, s.statusSchema),
  getDailyStats: route('GET', 'stats/daily', 'owner', s.dailyStatsInputSchema, s.dailyStatsSchema),
  getSettings: route('GET', 'settings', 'owner', s.emptySchema, s.settingsSchema),
  putSettings: route('PUT', 'settings', 'owner', s.settingsPatchSchema, s.settingsSchema),
  testConnection: route('POST', 'setup/test', 'owner', s.connectionInputSchema, s.connectionTestSchema),
  saveConnection: route('POST', 'setup/connection', 'owner', s.connectionInputSchema, s.statusSchema),
  getNeverLog: route('GET', 'never-log', 'owner', s.emptySchema, s.neverLogListSchema),
  addNeverLog: route('POST', 'never-log', 'owner', s.neverLogEntryInputSchema, s.neverLogListSchema),
  removeNeverLog: route('DELETE', 'never-log', 'owner', s.neverLogEntryInputSchema, s.neverLogListSchema),
  getMe: route('GET', 'me', 'pane', s.emptySchema, s.meSchema),
  checkMessage: route('POST', 'check-message', 'pane', s.checkMessageInputSchema, s.checkMessageOutputSchema),
  checkForward: route('POST', 'check-forward', 'pane', s.checkForwardInputSchema, s.checkForwardOutputSchema),
  logNow: route('POST', 'log-now', 'pane', s.mimeInputSchema, s.resultEntrySchema),
  selfTest: route('POST', 'self-test', 'owner', s.emptySchema, s.selfTestOutputSchema),
  startImport: route('POST', 'imports', 'owner', s.importInputSchema, s.importJobSchema),
  getImport: route('GET', 'imports/:id', 'owner', s.stringIdInputSchema, s.importJobSchema),
  requestPairing: route('POST', 'pair/requests', 'public', s.pairRequestInputSchema, s.pairRequestSchema),
  pollPairing: route('GET', 'pair/requests/:requestId', 'public', s.pairPollInputSchema, s.pairPollSchema),
  listPairings: route('GET', 'pairings', 'owner', s.emptySchema, s.pairingsSchema),
  allowPairing: route('POST', 'pairings/:id/allow', 'owner', s.stringIdInputSchema, s.pairingsSchema),
  denyPairing: route('POST', 'pairings/:id/deny', 'owner', s.stringIdInputSchema, s.pairingsSchema),
  revokePairing: route('DELETE', 'pairings/:id', 'owner', s.stringIdInputSchema, s.pairingsSchema),
} as const;

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Access = 'owner' | 'pane' | 'public';

export type RouteSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  readonly verb: HttpVerb;
  /** Relative to `/api/v1/`; `:name` segments are filled from the input's field of that name. */
  readonly path: string;
  readonly access: Access;
  readonly input: I;
  readonly output: O;
};

function route<I extends z.ZodType, O extends z.ZodType>(
  verb: HttpVerb,
  path: string,
  access: Access,
  input: I,
  output: O,
): RouteSpec<I, O> {
  return { verb, path, access, input, output };
}

export type CompanionMethod = keyof typeof companionRoutes;
export const companionMethods = Object.keys(companionRoutes) as ReadonlyArray<CompanionMethod>;

/** What a caller passes (defaults may be left out) and what an implementation receives (defaults filled in). */
export type MethodInput<M extends CompanionMethod> = z.input<(typeof companionRoutes)[M]['input']>;
export type ParsedInput<M extends CompanionMethod> = z.output<(typeof companionRoutes)[M]['input']>;
export type MethodOutput<M extends CompanionMethod> = z.output<(typeof companionRoutes)[M]['output']>;

/** The client side: every transport (HTTP, IPC) gives the window and the add-in this object. */
export type CompanionApi = {
  readonly [M in CompanionMethod]: (input: MethodInput<M>) => Promise<ApiReply<MethodOutput<M>>>;
};

/** The serving side: `electron/companion/` implements it once, on already validated input. */
export type CompanionService = {
  readonly [M in CompanionMethod]: (
    input: ParsedInput<M>,
    caller: CallerIdentity,
  ) => Promise<ApiReply<MethodOutput<M>>>;
};

/** Who is calling: the window/scripts, or one paired add-in pane (its pairing id), plus the page's origin. */
export type CallerIdentity =
  | { readonly kind: 'owner' }
  | { readonly kind: 'pane'; readonly pairingId: string }
  | { readonly kind: 'public'; readonly origin: string | null };

export const apiPrefix = '/api/v1/';
/** The Electron IPC channel of a method (`electron/app/ipc-main.ts` and the preload use it). */
export function ipcChannel(method: CompanionMethod): `companion:${CompanionMethod}` {
  return `companion:${method}`;
}
