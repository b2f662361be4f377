import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import { claimKeywordFor } from '../../../../electron/intake/claim-messages.js';
import type { LogResult } from '#shared/model/log-result.js';
import type { ReasonCode } from '#shared/model/reason-code.js';
import {
  defaultIntakeFolders,
  folderForResult,
  processingFolderFor,
} from '../../../../electron/intake/intake-folders.js';

const result = (status: LogResult['status'], reasons: ReasonCode[] = []): LogResult => ({
  messageId: null,
  route: 'bcc',
  status,
  reasons,
  owner: null,
  contacts: [],
  skippedRecipients: [],
  companies: [],
  deals: [],
  attachments: { logged: [], dropped: [] },
  notices: [],
  sync: 'local',
});

describe('folderForResult (C1, R3)', () => {
  it.each([
    [result('logged'), 'Logged'],
    [result('logged', ['attachment-over-limit']), 'Logged'],
    [result('skipped', ['no-loggable-recipients']), 'Skipped'],
    [result('duplicate'), 'Skipped'],
    [result('rejected', ['sender-not-user']), 'Rejected'],
    [result('rejected', ['malformed-message']), 'Quarantine'],
    [result('rejected', ['message-too-large']), 'Quarantine'],
    [result('rejected', ['parse-timeout']), 'Quarantine'],
    [result('rejected', ['storage-error']), null],
  ])('%j goes to %s', (logResult, folder) => {
    expect(folderForResult(logResult, defaultIntakeFolders)).toBe(folder);
  });
});

describe('processingFolderFor', () => {
  it('gives each per-user companion its own Processing folder, without dots', () => {
    expect(processingFolderFor(defaultIntakeFolders, undefined)).toBe('Processing');
    expect(processingFolderFor(defaultIntakeFolders, 'Ann.Smith@corp.example')).toBe(
      'Processing-ann-smith_corp-example',
    );
  });

  it('C1: ann.smith@, ann-smith@, ann_smith@corp.example and ann@smith.corp.example get four folders and claim keywords', () => {
    const names = [
      'ann.smith@corp.example',
      'ann-smith@corp.example',
      'ann_smith@corp.example',
      'ann@smith.corp.example',
    ].map((a) => processingFolderFor(defaultIntakeFolders, a));
    expect(new Set(names).size).toBe(4);
    expect(new Set(names.map(claimKeywordFor)).size).toBe(4);
  });

  it('C1: one user spelled two ways gets one folder', () => {
    expect(processingFolderFor(defaultIntakeFolders, 'ANN@Corp.Example')).toBe(
      processingFolderFor(defaultIntakeFolders, 'ann@corp.example'),
    );
  });

  /** Addresses from a small alphabet of look-alike characters, so that a lossy name would collide often. */
  const lookAlike = fc
    .tuple(
      fc.string({
        unit: fc.constantFrom('a', 'n', '.', '-', '_', '+', '=', '1', 'é', '日'),
        minLength: 1,
        maxLength: 8,
      }),
      fc.constantFrom('corp.example', 'a.corp.example', 'n.corp.example', 'corp-example.test'),
    )
    .map(([local, domain]) => `${local}@${domain}`);

  it('C1: different addresses always get different folders and claim keywords, valid names without "." (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(lookAlike, { minLength: 2, maxLength: 30 }), (addresses) => {
        const keys = new Set(addresses.map((a) => normalizeAddress(a) ?? a.toLowerCase()));
        const names = new Set([...keys].map((a) => processingFolderFor(defaultIntakeFolders, a)));
        expect(names.size).toBe(keys.size);
        // The claim keyword is named after the folder: it must stay as distinct (two companions, one message).
        expect(new Set([...names].map(claimKeywordFor)).size).toBe(keys.size);
        for (const name of names) {
          expect(name).toMatch(/^Processing-[a-z0-9_=-]+$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
