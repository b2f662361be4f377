import { apiFailure, type ApiReply } from '#shared/api/api-error.js';
import { CrmStoreError } from '../crm/local/crm-store-error.js';

/**
 * Runs a store call for the API: a `CrmStoreError` (a refused entry, an unknown user) becomes the matching error
 * reply with the store's own sentence; anything else is a fault and is thrown to the transport's catch-all.
 */
export function fromStore<T>(action: () => ApiReply<T>): ApiReply<T> {
  try {
    return action();
  } catch (error) {
    if (error instanceof CrmStoreError) {
      switch (error.code) {
        case 'INPUT.INVALID':
          return apiFailure('INPUT.INVALID', error.message);
        case 'USER.NOT_FOUND':
          return apiFailure('NOT_FOUND', error.message);
        case 'USER.ALREADY_EXISTS':
        case 'CRM.CONFLICT':
          return apiFailure('CONFLICT', error.message);
      }
    }
    throw error;
  }
}
