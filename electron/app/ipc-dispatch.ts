import { apiFailure, type ApiReply } from '#shared/api/api-error.js';
import {
  companionRoutes,
  type CompanionMethod,
  type CompanionService,
  type ParsedInput,
} from '#shared/api/companion-api.js';
import { describeIssues } from '../server/describe-issues.js';
import { isOwnSender, type SenderFrame } from './is-own-sender.js';
import type { SecretName } from '../companion/saved-connection-config.js';

/** Where saveConnection's secrets go instead of connection.json: secrets.ts, or null when it refuses them. */
export type SecretSink = (name: SecretName, value: string) => ApiReply<true>;

export type IpcDispatch = (
  method: CompanionMethod,
  frame: SenderFrame | null | undefined,
  input: unknown,
) => Promise<ApiReply<unknown>>;

/**
 * What every IPC handler does (docs/api.md, docs/security.md "Electron"), kept free of Electron so it is tested in
 * plain Node: refuse a sender that is not the app's own page, validate the input with the route's zod schema, and
 * call the one CompanionService as the owner. saveConnection's secrets are taken out first and handed to the
 * secret store (safeStorage), so the password and token never reach connection.json from the desktop app.
 */
export function createIpcDispatch(deps: {
  readonly service: CompanionService;
  readonly ownOrigin: string;
  readonly saveSecret: SecretSink;
  readonly onError: (method: CompanionMethod, error: unknown) => void;
}): IpcDispatch {
  return async (method, frame, input) => {
    if (!isOwnSender(frame, deps.ownOrigin)) {
      return apiFailure('AUTH.FORBIDDEN', 'Only the app’s own window may call the companion.');
    }
    const parsed = companionRoutes[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return apiFailure('INPUT.INVALID', describeIssues(parsed.error));
    }
    try {
      let data: unknown = parsed.data;
      if (method === 'saveConnection') {
        const split = moveSecrets(parsed.data as ParsedInput<'saveConnection'>, deps.saveSecret);
        if (!split.ok) {
          return split;
        }
        data = split.value;
      }
      const call = deps.service[method] as (i: unknown, c: { kind: 'owner' }) => Promise<ApiReply<unknown>>;
      return await call(data, { kind: 'owner' });
    } catch (error) {
      deps.onError(method, error);
      return apiFailure('INTERNAL', 'The companion failed on this request; its log says why.');
    }
  };
}

function moveSecrets(
  input: ParsedInput<'saveConnection'>,
  save: SecretSink,
): ApiReply<ParsedInput<'saveConnection'>> {
  let { mailbox, backend } = input;
  if (mailbox?.password !== undefined) {
    const saved = save('mailboxPassword', mailbox.password);
    if (!saved.ok) {
      return saved;
    }
    const rest = { ...mailbox };
    delete rest.password;
    mailbox = rest;
  }
  if (backend?.kind === 'hubspot' && backend.accessToken !== undefined) {
    const saved = save('hubspotToken', backend.accessToken);
    if (!saved.ok) {
      return saved;
    }
    const rest = { ...backend };
    delete rest.accessToken;
    backend = rest;
  }
  if (backend?.kind === 'postgres' && backend.password !== undefined) {
    const saved = save('postgresPassword', backend.password);
    if (!saved.ok) {
      return saved;
    }
    const rest = { ...backend };
    delete rest.password;
    backend = rest;
  }
  return {
    ok: true,
    value: {
      ...(mailbox === undefined ? {} : { mailbox }),
      ...(backend === undefined ? {} : { backend }),
    },
  };
}
