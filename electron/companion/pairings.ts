import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { MethodOutput } from '#shared/api/companion-api.js';
import { apiFailure, type ApiReply } from '#shared/api/api-error.js';

type PairingsView = MethodOutput<'listPairings'>;

/** How long a pane's request waits for the user, and how many a minute the public route takes. */
export const pairingLimits = { requestTtlMs: 10 * 60_000, requestsPerMinute: 10, pendingMax: 20 } as const;

const pairedSchema = z.object({
  id: z.string(),
  profile: z.string(),
  origin: z.string(),
  /** sha256 of the token, hex: the token itself is never stored. */
  tokenHash: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
type Paired = z.infer<typeof pairedSchema>;

type PendingRequest = {
  readonly id: string;
  readonly code: string;
  readonly profile: string;
  readonly origin: string;
  readonly at: string;
  readonly expiresAt: number;
  state: 'pending' | 'allowed' | 'denied';
  /** Held from allow until the pane's first poll, then dropped. */
  token: string | null;
};

export type Pairings = {
  request(
    profile: string,
    origin: string | null,
  ): ApiReply<{ requestId: string; code: string; expiresAt: string }>;
  poll(requestId: string): ApiReply<MethodOutput<'pollPairing'>>;
  list(): PairingsView;
  allow(id: string): ApiReply<PairingsView>;
  deny(id: string): ApiReply<PairingsView>;
  revoke(id: string): ApiReply<PairingsView>;
  /** The pairing a pane token belongs to, or null; counts as use. */
  verify(token: string): string | null;
};

export const pairingsFileName = 'pairings.json';

/**
 * Pairing an add-in pane (docs/api.md "Pairing"): a pane asks (public, rate-limited), the window lists the request
 * with a short code that the pane shows too, and the user allows or denies it. An allowed pane receives its own
 * random 256-bit token once, on its next poll; the companion keeps only the token's hash (in
 * `<store>/pairings.json`, 0600), so a copy of the store gives no token. A pairing is revocable from the window.
 */
export function createPairings(options: {
  readonly storeDir: string;
  readonly onChange: (view: PairingsView) => void;
  readonly now?: () => Date;
}): Pairings {
  const now = options.now ?? (() => new Date());
  const file = path.join(options.storeDir, pairingsFileName);
  const requests = new Map<string, PendingRequest>();
  let recent: number[] = [];
  let paired = load(file);

  function save(): void {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(paired, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temp, file);
  }

  function prune(): void {
    const t = now().getTime();
    for (const [id, r] of requests) {
      if (r.expiresAt <= t && r.token === null) {
        requests.delete(id);
      }
    }
  }

  function view(): PairingsView {
    prune();
    return {
      requests: [...requests.values()]
        .filter((r) => r.state === 'pending')
        .map(({ id, code, profile, origin, at }) => ({ id, code, profile, origin, at })),
      paired: paired.map(({ id, profile, createdAt, lastUsedAt }) => ({
        id,
        profile,
        createdAt,
        lastUsedAt,
      })),
    };
  }

  function changed(): ApiReply<PairingsView> {
    const value = view();
    options.onChange(value);
    return { ok: true, value };
  }

  function pendingRequest(id: string): PendingRequest | null {
    prune();
    const r = requests.get(id);
    return r !== undefined && r.state === 'pending' ? r : null;
  }

  return {
    request(profile, origin) {
      const t = now().getTime();
      recent = recent.filter((at) => at > t - 60_000);
      prune();
      const pending = [...requests.values()].filter((r) => r.state === 'pending').length;
      if (recent.length >= pairingLimits.requestsPerMinute || pending >= pairingLimits.pendingMax) {
        return apiFailure('REQUEST.RATE_LIMITED', 'Too many pairing requests: wait a minute and try again.');
      }
      recent.push(t);
      const request: PendingRequest = {
        id: randomBytes(16).toString('hex'),
        code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
        profile,
        origin: origin ?? 'unknown',
        at: new Date(t).toISOString(),
        expiresAt: t + pairingLimits.requestTtlMs,
        state: 'pending',
        token: null,
      };
      requests.set(request.id, request);
      changed();
      return {
        ok: true,
        value: {
          requestId: request.id,
          code: request.code,
          expiresAt: new Date(request.expiresAt).toISOString(),
        },
      };
    },
    poll(requestId) {
      prune();
      const r = requests.get(requestId);
      if (r === undefined) {
        return { ok: true, value: { state: 'expired', token: null } };
      }
      if (r.state === 'allowed') {
        const token = r.token;
        requests.delete(requestId); // the token is handed out once
        return { ok: true, value: { state: 'allowed', token } };
      }
      return { ok: true, value: { state: r.state, token: null } };
    },
    list: view,
    allow(id) {
      const r = pendingRequest(id);
      if (r === null) {
        return apiFailure('NOT_FOUND', `No pending pairing request ${id} (it may have expired).`);
      }
      const token = randomBytes(32).toString('base64url');
      r.state = 'allowed';
      r.token = token;
      paired = [
        ...paired,
        {
          id: randomBytes(8).toString('hex'),
          profile: r.profile,
          origin: r.origin,
          tokenHash: hashToken(token),
          createdAt: now().toISOString(),
          lastUsedAt: null,
        },
      ];
      save();
      return changed();
    },
    deny(id) {
      const r = pendingRequest(id);
      if (r === null) {
        return apiFailure('NOT_FOUND', `No pending pairing request ${id} (it may have expired).`);
      }
      r.state = 'denied';
      return changed();
    },
    revoke(id) {
      if (!paired.some((p) => p.id === id)) {
        return apiFailure('NOT_FOUND', `No pairing ${id}.`);
      }
      paired = paired.filter((p) => p.id !== id);
      save();
      return changed();
    },
    verify(token) {
      const hash = Buffer.from(hashToken(token), 'hex');
      const match = paired.find((p) => timingSafeEqual(Buffer.from(p.tokenHash, 'hex'), hash));
      if (match === undefined) {
        return null;
      }
      paired = paired.map((p) => (p === match ? { ...p, lastUsedAt: now().toISOString() } : p));
      return match.id;
    },
  };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function load(file: string): Paired[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const parsed = z.array(pairedSchema).safeParse(raw);
  return parsed.success ? parsed.data : [];
}
