import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureLocalTls } from '../server/local-ca.js';
import { CliError, usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { defaultStoreDir } from './default-store-dir.js';
import { booleanOption, parseCommandArgs, stringOption } from './parse-command-args.js';

/** The name the CA gets in trust stores, and its file name in Linux's local CA folder. */
export const caNickname = 'crm-mail-logger local CA';
const linuxFileName = 'crm-mail-logger-local-ca.crt';
export const defaultLinuxCaDir = '/usr/local/share/ca-certificates';

export type TrustCaStep =
  | { readonly kind: 'copy'; readonly from: string; readonly to: string }
  | { readonly kind: 'run'; readonly command: string; readonly args: ReadonlyArray<string> };

export type TrustCaPlan = {
  /** What the command does here (nothing when only manual steps can do it). */
  readonly steps: ReadonlyArray<TrustCaStep>;
  /** What the person does by hand (Linux without root), or should also do (NSS browsers). */
  readonly manual: ReadonlyArray<string>;
};

export type TrustCaMachine = {
  readonly platform: NodeJS.Platform;
  readonly isRoot: boolean;
  readonly home: string;
  /** Extra arguments of update-ca-certificates (tests point all its folders into a temporary one). */
  readonly updateCaCertificatesArgs: ReadonlyArray<string>;
  /** Runs a command, its output to the terminal; its exit code, or the error that kept it from starting. */
  readonly run: (command: string, args: ReadonlyArray<string>) => number | Error;
};

/**
 * What installing the CA certificate takes on each operating system (docs/security.md "Trusting the local CA"):
 * Linux as root copies it into the local CA folder and runs update-ca-certificates; Linux without root changes
 * nothing and says what to run (and the NSS database line, which Chrome and Firefox read instead of the system
 * store); macOS adds it to the login keychain as a trusted root; Windows to the user's Root store.
 */
export function planTrustCa(
  caCertPath: string,
  machine: Pick<TrustCaMachine, 'platform' | 'isRoot' | 'home' | 'updateCaCertificatesArgs'>,
  caDir: string = defaultLinuxCaDir,
): TrustCaPlan {
  const nss = `certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n ${quote(caNickname)} -i ${quote(caCertPath)}`;
  switch (machine.platform) {
    case 'darwin':
      return {
        steps: [
          {
            kind: 'run',
            command: 'security',
            args: [
              'add-trusted-cert',
              '-r',
              'trustRoot',
              '-k',
              path.posix.join(machine.home, 'Library', 'Keychains', 'login.keychain-db'),
              caCertPath,
            ],
          },
        ],
        manual: [],
      };
    case 'win32':
      return {
        steps: [{ kind: 'run', command: 'certutil', args: ['-user', '-addstore', 'Root', caCertPath] }],
        manual: [],
      };
    case 'linux': {
      const target = path.join(caDir, linuxFileName);
      if (!machine.isRoot) {
        return {
          steps: [],
          manual: [
            `sudo cp ${quote(caCertPath)} ${quote(target)}`,
            'sudo update-ca-certificates',
            `${nss}    # Chrome, Chromium and Firefox on Linux read this NSS database (apt-get install libnss3-tools)`,
          ],
        };
      }
      return {
        steps: [
          { kind: 'copy', from: caCertPath, to: target },
          { kind: 'run', command: 'update-ca-certificates', args: [...machine.updateCaCertificatesArgs] },
        ],
        manual: [
          `${nss}    # as the user who runs the browser: Chrome, Chromium and Firefox read this NSS database`,
        ],
      };
    }
    default:
      throw new CliError(
        `trust-ca: no trust store is known for ${machine.platform}: install ${caCertPath} by hand`,
      );
  }
}

/** A step as one shell line. */
export function describeStep(step: TrustCaStep): string {
  return step.kind === 'copy'
    ? `cp ${quote(step.from)} ${quote(step.to)}`
    : [step.command, ...step.args].map(quote).join(' ');
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export const machineTrustCa: TrustCaMachine = {
  platform: process.platform,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  home: os.homedir(),
  updateCaCertificatesArgs: [],
  run(command, args) {
    const result = spawnSync(command, [...args], { stdio: 'inherit' });
    return result.error ?? result.status ?? 1;
  },
};

/**
 * `trust-ca [--store DIR] [--dry-run] [--ca-certificates-dir DIR]`: installs the companion's local CA certificate
 * (`<store>/tls/ca.crt`, created if missing) into the operating system's trust store, so that browsers and
 * Outlook accept https://localhost:PORT. `--dry-run` prints exactly what it would run and changes nothing.
 */
export async function runTrustCaCommand(
  args: ReadonlyArray<string>,
  out: CliOutput,
  machine: TrustCaMachine = machineTrustCa,
): Promise<number> {
  const parsed = parseCommandArgs('trust-ca', args, {
    store: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'ca-certificates-dir': { type: 'string' },
  });
  if (parsed.positionals.length > 0) {
    throw usageError(`trust-ca: unexpected ${JSON.stringify(parsed.positionals[0])}`);
  }
  const dryRun = booleanOption(parsed, 'dry-run');
  const store = path.resolve(stringOption(parsed, 'store') ?? defaultStoreDir());
  const caDir = path.resolve(stringOption(parsed, 'ca-certificates-dir') ?? defaultLinuxCaDir);
  const caCertPath = path.join(store, 'tls', 'ca.crt');
  if (!fs.existsSync(caCertPath)) {
    if (dryRun) {
      out.print(`The CA certificate ${caCertPath} does not exist yet: it would be created first.`);
    } else {
      ensureLocalTls(store);
      out.print(`Created the companion's CA certificate: ${caCertPath}`);
    }
  }
  const plan = planTrustCa(caCertPath, machine, caDir);
  if (plan.steps.length === 0) {
    out.print('Installing the CA into the system trust store needs root: nothing was changed. Run:');
    plan.manual.forEach((line) => out.print(`  ${line}`));
    return 0;
  }
  for (const step of plan.steps) {
    const line = describeStep(step);
    if (dryRun) {
      out.print(`would run: ${line}`);
      continue;
    }
    out.print(`running: ${line}`);
    if (step.kind === 'copy') {
      fs.mkdirSync(path.dirname(step.to), { recursive: true });
      fs.copyFileSync(step.from, step.to);
      fs.chmodSync(step.to, 0o644);
    } else {
      const result = machine.run(step.command, step.args);
      if (result instanceof Error) {
        throw new CliError(
          `trust-ca: ${step.command} cannot be started (${result.message}); see docs/security.md`,
        );
      }
      if (result !== 0) {
        throw new CliError(`trust-ca: ${step.command} failed (exit ${result}); nothing else was run`);
      }
    }
  }
  out.print(
    dryRun
      ? 'Dry run: nothing was changed.'
      : `Installed ${caNickname} (${caCertPath}) into the ${storeName(machine.platform)}.`,
  );
  if (plan.manual.length > 0) {
    out.print('Also:');
    plan.manual.forEach((line) => out.print(`  ${line}`));
  }
  return 0;
}

function storeName(platform: NodeJS.Platform): string {
  return platform === 'darwin'
    ? 'login keychain'
    : platform === 'win32'
      ? "user's Root certificate store"
      : 'system trust store';
}
