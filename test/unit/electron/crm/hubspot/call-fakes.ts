import type {
  CallOptions,
  HttpInfoLike,
  HubSpotCall,
} from '../../../../../electron/crm/hubspot/hubspot-call.js';

/** What an SDK `…WithHttpInfo` method resolves to, around `data`. */
export function answer<T>(data: T): Promise<HttpInfoLike<T>> {
  return Promise.resolve({ httpStatusCode: 200, headers: {}, data });
}

/** A `call` that runs the request at once and records how it was asked to run it. */
export function recordingCall(): { call: HubSpotCall; calls: Array<{ label: string } & CallOptions> } {
  const calls: Array<{ label: string } & CallOptions> = [];
  const call: HubSpotCall = (label, options, run) => {
    calls.push({ label, ...options });
    return run();
  };
  return { call, calls };
}
