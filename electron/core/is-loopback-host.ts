import { BlockList, isIP } from 'node:net';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Whether `host` names this machine only: `localhost`, 127.0.0.0/8 or ::1. C1 allows cleartext IMAP and SMTP
 * (`"tls": "none"`) there alone, where no one on the network can read the password or the mail.
 */
function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return true;
  }
  const family = isIP(name);
  return family !== 0 && loopback.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why `tls: none` is refused for `host`, or null when it is allowed (C1). */
export function cleartextRefusal(where: string, host: string): string | null {
  return isLoopbackHost(host)
    ? null
    : `${where}.tls: "none" (cleartext) is allowed only for a loopback host (localhost, 127.0.0.1, ::1), not ${host}: the password and the mail would cross the network unencrypted; use TLS (secure: true, or STARTTLS)`;
}
