import { apiFailure } from '#shared/api/api-error.js';
import type { CompanionService } from '#shared/api/companion-api.js';
import { withToken } from '#shared/address/with-token.js';
import { companionUser } from './companion-user.js';
import { readStatus } from './read-status.js';
import type { Companion } from './start-companion.js';

type MeMethods = Pick<CompanionService, 'getStatus' | 'getMe' | 'getDailyStats'>;

/** Status, the signed-in user (A1, A2), and the chart's daily counts (docs/api.md). */
export function createMeMethods(companion: Companion, now: () => Date = () => new Date()): MeMethods {
  return {
    async getStatus() {
      return { ok: true, value: readStatus(companion) };
    },
    async getMe() {
      const user = companionUser(companion);
      if (user === null) {
        return apiFailure(
          'NOT_FOUND',
          'This companion has no user of its own (a shared mailbox with several users): choose one at setup.',
        );
      }
      const settings = companion.store.settings();
      const personal = (address: string | undefined, account: string): string =>
        address ?? (user.token === null ? account : withToken(account, user.token));
      return {
        ok: true,
        value: {
          email: user.email,
          name: user.name ?? null,
          locale: user.locale,
          bccAddress: personal(user.bccAddress, settings.bccAddress),
          forwardingAddress: personal(user.forwardingAddress, settings.forwardingAddress),
          defaultLogOn: companion.prefs.read().defaultLogOn,
        },
      };
    },
    async getDailyStats({ days = 14 }) {
      const first = new Date(now());
      first.setDate(first.getDate() - (days - 1));
      const counts = new Map(companion.store.dailyCounts(localDate(first)).map((d) => [d.date, d]));
      const out = [];
      for (let i = 0; i < days; i++) {
        const day = new Date(first);
        day.setDate(first.getDate() + i);
        const date = localDate(day);
        const c = counts.get(date);
        out.push({
          date,
          logged: c?.logged ?? 0,
          skipped: c?.skipped ?? 0,
          rejected: c?.rejected ?? 0,
          duplicate: c?.duplicate ?? 0,
        });
      }
      return { ok: true, value: { days: out } };
    },
  };
}

function localDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
