import { randomBytes } from 'node:crypto';
import type { CompanionService } from '#shared/api/companion-api.js';
import { withToken } from '#shared/address/with-token.js';
import { createSmtpTransport } from '../notices/create-notice-sender.js';
import { companionUser } from './companion-user.js';
import type { Companion } from './start-companion.js';

type SelfTestMethods = Pick<CompanionService, 'selfTest'>;

/**
 * Setup's last step (docs/api.md "Setup"): a mail from the user to their own BCC address, through the companion's
 * SMTP server, that the intake then logs like any other: the window shows it arriving as a result.
 */
export function createSelfTestMethods(companion: Companion): SelfTestMethods {
  return {
    async selfTest() {
      const user = companionUser(companion);
      const settings = companion.store.settings();
      const to =
        user === null
          ? settings.bccAddress
          : (user.bccAddress ??
            (user.token === null ? settings.bccAddress : withToken(settings.bccAddress, user.token)));
      const domain = to.slice(to.lastIndexOf('@') + 1);
      const messageId = `<self-test.${randomBytes(8).toString('hex')}@${domain}>`;
      const smtp = companion.config.smtp;
      if (smtp === undefined || user === null) {
        return {
          ok: true,
          value: {
            to,
            messageId,
            sent: false,
            message:
              user === null
                ? 'This companion has no user of its own: choose one at setup first.'
                : `No SMTP server is configured: send any mail with Bcc ${to} from your mail program instead.`,
          },
        };
      }
      const transport = createSmtpTransport(smtp);
      try {
        await transport.sendMail({
          from: user.email,
          to,
          subject: 'crm-mail-logger self-test',
          text: 'This message tests the BCC address. The companion files it as a result (nothing is logged to the CRM).',
          html: '<p>This message tests the BCC address. The companion files it as a result (nothing is logged to the CRM).</p>',
          messageId,
          date: new Date(),
          headers: {},
        });
        return { ok: true, value: { to, messageId, sent: true, message: `Sent to ${to}.` } };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ok: true,
          value: { to, messageId, sent: false, message: `The SMTP server refused it: ${reason}` },
        };
      } finally {
        transport.close?.();
      }
    },
  };
}
