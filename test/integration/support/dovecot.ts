import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';

/**
 * A real Dovecot (Debian `dovecot-imapd` + `dovecot-lmtpd`, checked against 2.3.19) on free loopback ports, with a
 * private config in a temp folder: IMAP without TLS (plaintext login allowed on loopback), LMTP over TCP, one
 * Maildir per user owned by `nobody` (Dovecot refuses to deliver as uid 0). Users log in with `password`.
 *
 * `recipient_delimiter = +` with `auth_username_format = %n` makes `log+bcc@corp.example` and
 * `log+fwd.k3x9@corp.example` land in user `log`'s INBOX (`lmtp_save_to_detail_mailbox = no`), with the original
 * recipient in a `Delivered-To` header, as in production (docs/architecture.md "Delivery path used in tests").
 */

export const dovecotBinary = '/usr/sbin/dovecot';

export type DovecotOptions = {
  /** Mailbox users (IMAP login names, the local part before `+`); default `['log']`. */
  readonly users?: ReadonlyArray<string>;
  /** Every user's password; default `secret`. */
  readonly password?: string;
  /**
   * Offer STARTTLS on the IMAP port (and implicit TLS on `imapsPort`) with a self-signed certificate for
   * 127.0.0.1 made with openssl in the temp folder. Default false: cleartext only, no STARTTLS.
   */
  readonly tls?: boolean;
};

export type Dovecot = {
  readonly host: '127.0.0.1';
  readonly imapPort: number;
  readonly lmtpPort: number;
  /** With `tls`: the implicit-TLS IMAP port; otherwise null. */
  readonly imapsPort: number | null;
  readonly tls: boolean;
  readonly password: string;
  /** A user's Maildir (root may read it). */
  maildir(user: string): string;
  /** Kills the server (clients' connections drop) and starts it again on the same ports with the same mail. */
  restart(): Promise<void>;
  /** Kills the server and removes its temp folder. */
  stop(): Promise<void>;
};

/** Starts Dovecot and waits until IMAP and LMTP answer. Throws (never skips) when Dovecot is not installed. */
export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  if (!fs.existsSync(dovecotBinary)) {
    throw new Error('Dovecot is not installed: apt-get install dovecot-imapd dovecot-lmtpd');
  }
  const users = options.users ?? ['log'];
  const password = options.password ?? 'secret';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-dovecot-'));
  // The mail processes run as nobody and must reach their Maildir below the temp folder.
  fs.chmodSync(root, 0o755);
  const mailRoot = path.join(root, 'mail');
  for (const dir of ['run', 'state', 'mail']) {
    fs.mkdirSync(path.join(root, dir));
  }
  const nobody = os.userInfo().uid === 0 ? { uid: 65534, gid: 65534 } : null;
  if (nobody) {
    fs.chownSync(mailRoot, nobody.uid, nobody.gid);
  }
  fs.writeFileSync(path.join(root, 'users'), users.map((u) => `${u}:{PLAIN}${password}\n`).join(''));
  const imapPort = await freePort();
  const lmtpPort = await freePort();
  const tls = options.tls === true;
  const imapsPort = tls ? await freePort() : null;
  if (tls) {
    makeCertificate(root);
  }
  const configFile = path.join(root, 'dovecot.conf');
  fs.writeFileSync(
    configFile,
    dovecotConfig({ root, imapPort, lmtpPort, imapsPort, asRoot: nobody !== null }),
  );

  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const started = spawn(dovecotBinary, ['-c', configFile, '-F'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child = started;
    try {
      await waitForGreeting(imapPort, '* OK', started);
      await waitForGreeting(lmtpPort, '220 ', started);
    } catch (error) {
      const log = readIfExists(path.join(root, 'dovecot.log'));
      throw new Error(`Dovecot did not start: ${String(error)}\n${stderr}\n${log}`);
    }
  };
  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null || running.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    host: '127.0.0.1',
    imapPort,
    lmtpPort,
    imapsPort,
    tls,
    password,
    maildir: (user) => path.join(mailRoot, user),
    async restart() {
      await kill();
      await launch();
    },
    async stop() {
      await kill();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export type LmtpDelivery = {
  readonly from: string;
  /** The envelope recipient: a logging address such as `log+bcc@corp.example`. */
  readonly to: string | ReadonlyArray<string>;
  /** The message as it is stored (RFC 5322 bytes). */
  readonly raw: Buffer | string;
};

/** Delivers raw bytes over LMTP with nodemailer, as the organisation's mail server would. */
export async function deliverLmtp(port: number, delivery: LmtpDelivery, host = '127.0.0.1'): Promise<void> {
  const transport = nodemailer.createTransport({ lmtp: true, host, port, secure: false, ignoreTLS: true });
  try {
    const to = typeof delivery.to === 'string' ? [delivery.to] : [...delivery.to];
    await transport.sendMail({ envelope: { from: delivery.from, to }, raw: delivery.raw });
  } finally {
    transport.close();
  }
}

type ConfigInput = {
  root: string;
  imapPort: number;
  lmtpPort: number;
  imapsPort: number | null;
  asRoot: boolean;
};

/** A self-signed certificate for 127.0.0.1 and localhost, valid one day, in `root/tls-*.pem`. */
function makeCertificate(root: string): void {
  const openssl = '/usr/bin/openssl';
  if (!fs.existsSync(openssl)) {
    throw new Error('openssl is not installed (needed for a TLS test certificate): apt-get install openssl');
  }
  execFileSync(
    openssl,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      path.join(root, 'tls-key.pem'),
      '-out',
      path.join(root, 'tls-cert.pem'),
    ],
    { stdio: 'pipe' },
  );
}

function dovecotConfig({ root, imapPort, lmtpPort, imapsPort, asRoot }: ConfigInput): string {
  const mail = path.join(root, 'mail');
  // Run as root (the CI container): mail belongs to nobody, logins and internals to Debian's own users.
  const owners = asRoot
    ? [
        'mail_uid = nobody',
        'mail_gid = nogroup',
        'first_valid_uid = 65534',
        'first_valid_gid = 65534',
        'default_internal_user = dovecot',
        'default_login_user = dovenull',
      ]
    : [];
  return [
    `base_dir = ${path.join(root, 'run')}`,
    `state_dir = ${path.join(root, 'state')}`,
    `log_path = ${path.join(root, 'dovecot.log')}`,
    `instance_name = crm-test-${imapPort}`,
    'listen = 127.0.0.1',
    'protocols = imap lmtp',
    ...(imapsPort === null
      ? ['ssl = no']
      : [
          'ssl = yes',
          `ssl_cert = <${path.join(root, 'tls-cert.pem')}`,
          `ssl_key = <${path.join(root, 'tls-key.pem')}`,
        ]),
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'auth_username_format = %n',
    'recipient_delimiter = +',
    'lmtp_save_to_detail_mailbox = no',
    `mail_location = maildir:${mail}/%n`,
    ...owners,
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%n ${path.join(root, 'users')}`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = home=${mail}/%n`,
    '}',
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    '}',
    'service imap-login {',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${imapPort}`,
    '  }',
    '  inet_listener imaps {',
    ...(imapsPort === null ? ['    port = 0'] : ['    address = 127.0.0.1', `    port = ${imapsPort}`]),
    '  }',
    '}',
    'service lmtp {',
    '  inet_listener lmtp {',
    '    address = 127.0.0.1',
    `    port = ${lmtpPort}`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A port that was free a moment ago (the OS picks it; Dovecot binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Connects until the server's greeting starts with `prefix` (10 s at most, or until the process exits). */
async function waitForGreeting(port: number, prefix: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: unknown = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`dovecot exited (${String(child.exitCode ?? child.signalCode)})`);
    }
    try {
      const greeting = await readGreeting(port);
      if (greeting.startsWith(prefix)) {
        return;
      }
      last = greeting;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no greeting on port ${port}: ${String(last)}`);
}

function readGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(2_000, () => socket.destroy(new Error('timeout')));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('latin1'));
    });
    socket.once('error', reject);
  });
}

function readIfExists(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
