import { describe, expect, it } from 'vitest';
import { createFileUpload } from '../../../../../electron/crm/hubspot/upload-file.js';
import { answer, recordingCall } from './call-fakes.js';

const file = { path: 'blob', name: 'terms.pdf', folderPath: '/crm-mail-logger' };

describe('createFileUpload', () => {
  it('returns the file id as text, and may repeat a lost upload (RETURN_EXISTING)', async () => {
    const { call, calls } = recordingCall();
    expect(await createFileUpload({ upload: () => answer({ id: 4711 }) }, call)(file)).toBe('4711');
    expect(calls).toEqual([{ label: 'upload file', idempotent: true }]);
  });

  it('refuses an answer without an id', async () => {
    const { call } = recordingCall();
    await expect(createFileUpload({ upload: () => answer(null) }, call)(file)).rejects.toThrow(
      /without a file id/,
    );
  });
});
