import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../../../electron/notices/classify-smtp-error.js';

function smtpError(fields: Record<string, unknown>, message = 'failed'): Error {
  return Object.assign(new Error(message), fields);
}

describe('classifySmtpError', () => {
  const cases: ReadonlyArray<{ name: string; error: unknown; permanent: boolean; message: string }> = [
    {
      name: 'a 5xx reply is permanent',
      error: smtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 unknown user' }),
      permanent: true,
      message: '550 5.1.1 unknown user',
    },
    {
      name: 'a 4xx reply is retryable',
      error: smtpError({ code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 try again\r\nlater' }),
      permanent: false,
      message: '451 4.3.0 try again later',
    },
    {
      name: 'an authentication failure is retryable (configuration, not the notice)',
      error: smtpError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 bad credentials' }),
      permanent: false,
      message: '535 5.7.8 bad credentials',
    },
    {
      name: 'C1: a server that will not start the required TLS is retryable, even with a 5xx reply, and says so',
      error: smtpError({ code: 'ETLS', responseCode: 500, response: '500 Error: command not recognized' }),
      permanent: false,
      message: 'the SMTP server did not start TLS (STARTTLS required): 500 Error: command not recognized',
    },
    {
      name: 'a connection failure is retryable',
      error: smtpError({ code: 'ECONNECTION' }, 'connect ECONNREFUSED 127.0.0.1:1'),
      permanent: false,
      message: 'connect ECONNREFUSED 127.0.0.1:1',
    },
    {
      name: 'an envelope nodemailer cannot build is permanent',
      error: smtpError({ code: 'EENVELOPE' }, 'No recipients defined'),
      permanent: true,
      message: 'No recipients defined',
    },
    { name: 'anything else is retryable', error: 'boom', permanent: false, message: 'boom' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(classifySmtpError(c.error)).toEqual({ permanent: c.permanent, message: c.message });
    });
  }
});
