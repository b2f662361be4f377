import { describe, expect, it } from 'vitest';
import type { LogResult } from '../../../../shared/model/log-result.js';
import type { ReasonCode } from '../../../../shared/model/reason-code.js';
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
      'Processing-ann-smith-corp-example',
    );
  });
});
