import type { DealStage } from '#shared/model/crm-data.js';

/** The deal properties the backend reads (docs/hubspot.md B). */
export const dealProperties = [
  'dealname',
  'dealstage',
  'pipeline',
  'createdate',
  'hs_is_closed',
  'hs_is_closed_won',
] as const;

export type DealStageProperties = {
  readonly dealstage?: string | null;
  readonly hs_is_closed?: string | null;
  readonly hs_is_closed_won?: string | null;
};

/**
 * HubSpot's deal stage as the local model's open / won / lost (B7 picks open deals). HubSpot's calculated
 * `hs_is_closed` / `hs_is_closed_won` cover custom pipelines, whose closed stages have numeric ids; the default
 * pipeline's `closedwon` / `closedlost` ids are recognised too, in case the calculated flags are absent
 * (docs/hubspot.md [verify] their reliability). Every other stage is open.
 */
export function mapDealStage(p: DealStageProperties): DealStage {
  if (p.hs_is_closed_won === 'true' || p.dealstage === 'closedwon') {
    return 'won';
  }
  if (p.hs_is_closed === 'true' || p.dealstage === 'closedlost') {
    return 'lost';
  }
  return 'open';
}
