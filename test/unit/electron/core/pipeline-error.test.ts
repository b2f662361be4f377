import { describe, expect, it } from 'vitest';
import { fromStore, PipelineError } from '../../../../electron/core/pipeline-error.js';

describe('fromStore', () => {
  it('passes a value through and turns a store failure into STORE.UNAVAILABLE, naming the raw bytes', () => {
    expect(fromStore(() => 7, null)).toBe(7);
    let thrown: unknown;
    try {
      fromStore(() => {
        throw new Error('disk I/O error');
      }, 'abc');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PipelineError);
    expect(thrown).toMatchObject({
      code: 'STORE.UNAVAILABLE',
      reason: 'storage-error',
      rawSha256: 'abc',
      message: 'the local store failed: disk I/O error',
    });
  });
});
