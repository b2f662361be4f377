#!/usr/bin/env bash
# The README's test command, on a fresh Debian machine with Node 20, as root: the Debian packages the tests start or
# call, the npm packages, then the whole suite (`npm run check`). Once the packages are in, `npm run check` alone
# runs the suite again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Dovecot (IMAP + LMTP), PostgreSQL (the team backend), Chromium (every page), xmllint (the add-in manifest against
# Microsoft's schemas), CJK fonts (the ja screenshots), update-ca-certificates (trust-ca, against a temp folder).
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends dovecot-imapd dovecot-lmtpd postgresql chromium libxml2-utils \
  fonts-noto-cjk ca-certificates >/dev/null

# The Electron binary comes from a release server an offline machine cannot reach; the tests never need it.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run check
