/**
 * Whether Chromium may accept a server certificate it cannot verify (docs/security.md "Electron"): only for
 * `localhost`, and only the exact localhost certificate this companion serves (signed by its own CA, which the
 * OS may not trust yet: `crm-mail-logger trust-ca`). Any other host or certificate gets Chromium's own verdict.
 */
export function isOwnCertificate(
  request: { hostname: string; certificatePem: string },
  ownPem: string,
): boolean {
  return request.hostname === 'localhost' && normalisePem(request.certificatePem) === normalisePem(ownPem);
}

function normalisePem(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}
