import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentFolder, createAttachmentIds } from '../../../../../electron/crm/hubspot/attachment-ids.js';
import { createRemoteIds } from '../../../../../electron/crm/hubspot/remote-ids.js';
import type { StoredResult } from '../../../../../electron/crm/crm-backend.port.js';

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function stored(shas: string[]): StoredResult {
  return {
    id: 5,
    result: {
      attachments: { logged: shas.map((sha256) => ({ filename: `${sha256}.pdf`, size: 1, sha256 })) },
    },
    logged: null,
  } as unknown as StoredResult;
}

describe('createAttachmentIds', () => {
  it('B8: uploads each blob once into the folder, remembers it by sha256, and leaves out a missing blob', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachment-ids-'));
    fs.writeFileSync(path.join(dir, 'aaa'), 'a');
    const uploads: Array<{ path: string; name: string; folderPath: string }> = [];
    const warnings: string[] = [];
    const ids = createRemoteIds();
    ids.fileBySha256.set('known', '1');
    const attachmentIds = createAttachmentIds({
      api: {
        uploadFile: (file) => {
          uploads.push(file);
          return Promise.resolve('42');
        },
      },
      ids,
      blobPath: (sha) => path.join(dir, sha),
      onWarning: (m) => warnings.push(m),
    });
    expect(await attachmentIds(stored(['known', 'aaa', 'gone']))).toEqual(['1', '42']);
    expect(uploads).toEqual([{ path: path.join(dir, 'aaa'), name: 'aaa.pdf', folderPath: attachmentFolder }]);
    expect(warnings.join('\n')).toMatch(/gone\.pdf \(gone\) has no blob/);
    expect(await attachmentIds(stored(['aaa']))).toEqual(['42']);
    expect(uploads).toHaveLength(1);
  });
});
