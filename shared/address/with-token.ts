/** A logging address with a user's token (docs/rules.md, "Words"): `log+bcc@corp.example` → `log+bcc.k3x9@corp.example`. */
export function withToken(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}.${token}${address.slice(at)}`;
}
