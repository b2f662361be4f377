/**
 * A user token as CRM.json or an administrator writes it, in its stored form, or null when it could not be part
 * of an address (`log+bcc.<token>@corp.example`, B2). Lower-cased because addresses are compared lower-cased
 * (`normalizeAddress`).
 */
export function normalizeToken(raw: string): string | null {
  const token = raw.trim().toLowerCase();
  return /^[a-z0-9]{1,64}$/.test(token) ? token : null;
}
