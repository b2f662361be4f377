import fs from 'node:fs';
import type { StoredResult } from '../crm-backend.port.js';
import type { HubSpotApi } from './hubspot-api.js';
import type { RemoteIds } from './remote-ids.js';

/** The File Manager folder of uploaded attachments (docs/hubspot.md#files). */
export const attachmentFolder = '/crm-mail-logger';

/**
 * B8: the File Manager ids of a result's logged attachments, each uploaded once: remembered by sha256 (and
 * deduplicated by HubSpot, `RETURN_EXISTING`). An attachment whose blob is gone is left out with a warning.
 */
export function createAttachmentIds(deps: {
  readonly api: Pick<HubSpotApi, 'uploadFile'>;
  readonly ids: Pick<RemoteIds, 'fileBySha256'>;
  readonly blobPath: (sha256: string) => string;
  readonly onWarning: (message: string) => void;
}): (stored: StoredResult) => Promise<string[]> {
  const { api, ids } = deps;
  return async (stored) => {
    const list: string[] = [];
    for (const attachment of stored.result.attachments.logged) {
      const known = ids.fileBySha256.get(attachment.sha256);
      if (known !== undefined) {
        list.push(known);
        continue;
      }
      const file = deps.blobPath(attachment.sha256);
      if (!fs.existsSync(file)) {
        deps.onWarning(
          `result ${stored.id}: attachment ${attachment.filename} (${attachment.sha256}) has no blob; logged without it`,
        );
        continue;
      }
      const id = await api.uploadFile({
        path: file,
        name: attachment.filename,
        folderPath: attachmentFolder,
      });
      ids.fileBySha256.set(attachment.sha256, id);
      list.push(id);
    }
    return list;
  };
}
