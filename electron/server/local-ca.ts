import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/** The files of the companion's own certificate authority and its localhost certificate, under `<store>/tls/`. */
export type LocalTls = {
  /** The CA certificate (PEM): what `trust-ca` installs and what companion.json names. */
  readonly caCertPath: string;
  readonly cert: string;
  readonly key: string;
  /** When the localhost certificate expires (ISO-8601). */
  readonly leafExpiresAt: string;
};

const day = 24 * 60 * 60 * 1000;
/** Ten years: the CA is installed once into the trust store, so it must outlive the installation. */
const caValidityMs = 3652 * day;
/** Browsers refuse a server certificate valid for more than 398 days; one day under the CA/B Forum's 397. */
const leafValidityMs = 396 * day;
/** Renewed at start when less is left, so a companion that runs for weeks never serves an expired one. */
const leafRenewBeforeMs = 30 * day;

export const leafNames = ['localhost', '127.0.0.1', '::1'] as const;

/**
 * The local certificate authority (docs/api.md "Certificates"): generated once per store, its key `0600` and never
 * leaving this computer; a leaf for localhost, 127.0.0.1 and ::1 signed by it, renewed before it expires. The CA
 * is name-constrained to those names, so even a stolen CA key cannot vouch for any other site.
 */
export function ensureLocalTls(storeDir: string, now: () => Date = () => new Date()): LocalTls {
  const dir = path.join(storeDir, 'tls');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string): string => path.join(dir, name);
  let ca = readPair(file('ca.crt'), file('ca.key'));
  if (ca === null || ca.cert.validity.notAfter.getTime() <= now().getTime() + leafValidityMs) {
    ca = createCa(now());
    writePair(file('ca.crt'), file('ca.key'), ca);
    fs.rmSync(file('localhost.crt'), { force: true }); // a leaf of the old CA no longer verifies
  }
  let leaf = readPair(file('localhost.crt'), file('localhost.key'));
  const fresh =
    leaf !== null &&
    leaf.cert.validity.notAfter.getTime() - now().getTime() > leafRenewBeforeMs &&
    isSignedBy(ca, leaf);
  if (leaf === null || !fresh) {
    leaf = createLeaf(ca, now());
    writePair(file('localhost.crt'), file('localhost.key'), leaf);
  }
  return {
    caCertPath: file('ca.crt'),
    cert: forge.pki.certificateToPem(leaf.cert),
    key: forge.pki.privateKeyToPem(leaf.key),
    leafExpiresAt: leaf.cert.validity.notAfter.toISOString(),
  };
}

function isSignedBy(ca: Pair, leaf: Pair): boolean {
  try {
    return ca.cert.verify(leaf.cert);
  } catch {
    return false; // forge throws when the issuer does not match
  }
}

type Pair = { readonly cert: forge.pki.Certificate; readonly key: forge.pki.rsa.PrivateKey };

function readPair(certFile: string, keyFile: string): Pair | null {
  try {
    return {
      cert: forge.pki.certificateFromPem(fs.readFileSync(certFile, 'utf8')),
      key: forge.pki.privateKeyFromPem(fs.readFileSync(keyFile, 'utf8')),
    };
  } catch {
    return null;
  }
}

function writePair(certFile: string, keyFile: string, pair: Pair): void {
  fs.writeFileSync(keyFile, forge.pki.privateKeyToPem(pair.key), { mode: 0o600 });
  fs.chmodSync(keyFile, 0o600);
  fs.writeFileSync(certFile, forge.pki.certificateToPem(pair.cert), { mode: 0o644 });
}

/** RSA keys from Node's own crypto: node-forge's pure-JavaScript generator takes seconds. */
function newKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive serial number
  return bytes.toString('hex');
}

function createCa(at: Date): Pair {
  const keys = newKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(at.getTime() - day);
  cert.validity.notAfter = new Date(at.getTime() + caValidityMs);
  const name = [
    { name: 'commonName', value: 'crm-mail-logger local CA' },
    { name: 'organizationName', value: 'crm-mail-logger (this computer only)' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    nameConstraints(),
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function createLeaf(ca: Pair, at: Date): Pair {
  const keys = newKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(at.getTime() - day);
  cert.validity.notAfter = new Date(at.getTime() + leafValidityMs);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

/**
 * X.509 name constraints (RFC 5280 §4.2.1.10), which node-forge cannot write by name: permitted dNSName
 * `localhost` and the two loopback addresses. Encoded by hand with forge's ASN.1 writer.
 */
function nameConstraints(): { name: string; id: string; critical: boolean; value: string } {
  const { asn1 } = forge;
  const subtree = (tag: number, bytes: string) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, false, bytes),
    ]);
  const ipv4 = String.fromCharCode(127, 0, 0, 1, 255, 255, 255, 255);
  const ipv6 = `${'\0'.repeat(15)}\x01${'\xff'.repeat(16)}`;
  const permitted = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
    subtree(2, 'localhost'),
    subtree(7, ipv4),
    subtree(7, ipv6),
  ]);
  const value = asn1
    .toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [permitted]))
    .getBytes();
  return { name: 'nameConstraints', id: '2.5.29.30', critical: true, value };
}
