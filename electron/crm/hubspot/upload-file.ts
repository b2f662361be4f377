import type { HubSpotApi } from './hubspot-api.js';
import type { HubSpotCall } from './hubspot-call.js';
import type { HubSpotEndpoints } from './sdk-endpoints.js';

/**
 * docs/hubspot.md#files: streams the file to the File Manager and returns its id. Repeatable: a second upload of the
 * same bytes to the same folder returns the first file (`RETURN_EXISTING`), so a lost answer may be asked again.
 */
export function createFileUpload(
  endpoints: Pick<HubSpotEndpoints, 'upload'>,
  call: HubSpotCall,
): HubSpotApi['uploadFile'] {
  return async (file) => {
    const info = await call('upload file', { idempotent: true }, () => endpoints.upload(file));
    const id = (info.data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new Error(`upload file: HubSpot answered without a file id`);
    }
    return String(id);
  };
}
