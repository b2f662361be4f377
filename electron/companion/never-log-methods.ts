import { apiFailure } from '#shared/api/api-error.js';
import type { CompanionService } from '#shared/api/companion-api.js';
import type { Companion } from './start-companion.js';
import { fromStore } from './store-failure.js';

type NeverLogMethods = Pick<CompanionService, 'getNeverLog' | 'addNeverLog' | 'removeNeverLog'>;

/** The never-log editor (docs/rules.md, "Words": account-wide and each user's personal list). */
export function createNeverLogMethods(companion: Companion): NeverLogMethods {
  const { store } = companion;
  const lists = () => ({
    account: [...store.listNeverLog()],
    personal: store.listUsers().map((u) => ({ user: u.email, entries: [...store.listNeverLog(u.email)] })),
  });
  return {
    async getNeverLog() {
      return { ok: true, value: lists() };
    },
    async addNeverLog({ entry, user }) {
      return fromStore(() => {
        store.addNeverLog(entry, user);
        return { ok: true, value: lists() };
      });
    },
    async removeNeverLog({ entry, user }) {
      return fromStore<ReturnType<typeof lists>>(() =>
        store.removeNeverLog(entry, user)
          ? { ok: true, value: lists() }
          : apiFailure(
              'NOT_FOUND',
              `${entry} is not on ${user === undefined ? 'the account' : `${user}'s`} never-log list.`,
            ),
      );
    },
  };
}
