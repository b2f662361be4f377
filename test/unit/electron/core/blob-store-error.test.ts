import { describe, expect, it } from 'vitest';
import { BlobStoreError, errorCode, onDisk } from '../../../../electron/core/blob-store-error.js';

describe('BlobStoreError and onDisk', () => {
  it('takes the system code of its cause, or EBLOBSTORE', () => {
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    expect(new BlobStoreError('x', { cause: full }).code).toBe('ENOSPC');
    expect(new BlobStoreError('x', { cause: 'odd' }).code).toBe('EBLOBSTORE');
    expect(errorCode({ code: 42 })).toBeUndefined();
  });

  it('says what could not be done, and passes a BlobStoreError through unchanged', async () => {
    const full = Object.assign(new Error('no space left'), { code: 'ENOSPC' });
    await expect(onDisk('write the temp file', () => Promise.reject(full))).rejects.toMatchObject({
      name: 'BlobStoreError',
      code: 'ENOSPC',
      message: 'Blob store: cannot write the temp file: no space left',
    });
    const already = new BlobStoreError('Cannot read x', { cause: full });
    await expect(onDisk('anything', () => Promise.reject(already))).rejects.toBe(already);
    expect(await onDisk('read', async () => 7)).toBe(7);
  });
});
