import { useEffect, useState } from 'react';
import type { CompanionStatus } from '#shared/api/companion-schemas.js';
import { useCompanion } from './use-companion.js';

/** The companion's status, fetched once and then kept current by status events. */
export function useStatus(): CompanionStatus | null {
  const { connection, report, reloadToken } = useCompanion();
  const [status, setStatus] = useState<CompanionStatus | null>(null);
  useEffect(() => {
    let cancelled = false;
    void connection.api.getStatus({}).then((reply) => {
      if (!cancelled && report(reply).ok && reply.ok) {
        setStatus(reply.value);
      }
    });
    const stop = connection.onEvent((event) => {
      if (event.type === 'status') {
        setStatus(event.status);
      }
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [connection, report, reloadToken]);
  return status;
}
