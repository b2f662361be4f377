import type { Direction } from '#shared/model/log-result.js';
import type { ContactToLink, EmailToLog, IdentityKeys } from '#shared/model/decision.js';
import type { AssociationInput, CreateInput } from './hubspot-api.js';
import { splitContactName } from './contact-name.js';
import { emailKeyProperty } from './email-key.js';
import { identityPropertiesOf } from './identity-properties.js';

/** docs/hubspot.md: HUBSPOT_DEFINED association type ids from an email. */
export const emailToContact = 198;
export const emailToCompany = 186;
export const emailToDeal = 210;
/** docs/hubspot.md: a created contact's primary company. */
export const contactToPrimaryCompany = 1;

/**
 * docs/hubspot.md: `EMAIL` is mail sent from the CRM or logged by BCC, `INCOMING_EMAIL` a reply received. So a rep's
 * outgoing mail (B3) is `EMAIL` and a customer's mail that was forwarded or logged now (F5, A5) is
 * `INCOMING_EMAIL` — not `FORWARDED_EMAIL`, which would describe the forward rather than the logged original.
 */
export function emailDirection(direction: Direction): 'EMAIL' | 'INCOMING_EMAIL' {
  return direction === 'outgoing' ? 'EMAIL' : 'INCOMING_EMAIL';
}

type HeaderPerson = { email: string; firstName?: string; lastName?: string };

function person(email: string, name: string | undefined): HeaderPerson {
  const { firstname, lastname } = splitContactName(name ?? '');
  return {
    email,
    ...(firstname !== '' ? { firstName: firstname } : {}),
    ...(lastname !== '' ? { lastName: lastname } : {}),
  };
}

/** docs/hubspot.md: `hs_email_headers` is a JSON string; HubSpot derives the from/to fields shown on the timeline from it. */
export function buildEmailHeaders(email: EmailToLog, contacts: ReadonlyArray<ContactToLink>): string {
  const names = new Map(contacts.map((c) => [c.email, c.name]));
  return JSON.stringify({
    from: person(email.from, email.fromName),
    to: email.to.map((a) => person(a, names.get(a))),
    cc: email.cc.map((a) => person(a, names.get(a))),
    bcc: [],
  });
}

function associations(typeId: number, ids: ReadonlyArray<string>): AssociationInput[] {
  return [...new Set(ids)].map((id) => ({
    to: { id },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
  }));
}

export type EmailInputParts = {
  /** The stable key (`emailKey`), written to `crm_mail_logger_id`. */
  readonly key: string;
  /** R2's keys, written to the identity properties so that another store's companion finds the email. */
  readonly identity: IdentityKeys;
  /** `hs_timestamp` when the email has no date. */
  readonly fallbackTimestamp: string;
  readonly ownerId: string | null;
  readonly attachmentIds: ReadonlyArray<string>;
  readonly contactIds: ReadonlyArray<string>;
  readonly companyIds: ReadonlyArray<string>;
  readonly dealIds: ReadonlyArray<string>;
};

/**
 * B3/F5 as a HubSpot email engagement (docs/hubspot.md) with its associations inline (contacts, companies, deals:
 * B4, B7), so one `batch/create` writes up to 100 emails and every link they need.
 */
export function buildEmailInput(
  email: EmailToLog,
  contacts: ReadonlyArray<ContactToLink>,
  parts: EmailInputParts,
): CreateInput {
  const properties: Record<string, string> = {
    [emailKeyProperty]: parts.key,
    ...identityPropertiesOf(parts.identity),
    hs_timestamp: email.date ?? parts.fallbackTimestamp,
    hs_email_direction: emailDirection(email.direction),
    hs_email_status: 'SENT',
    hs_email_subject: email.subject,
    hs_email_text: email.text ?? '',
    hs_email_headers: buildEmailHeaders(email, contacts),
  };
  if (email.html !== null) {
    properties.hs_email_html = email.html;
  }
  if (parts.ownerId !== null) {
    properties.hubspot_owner_id = parts.ownerId;
  }
  if (parts.attachmentIds.length > 0) {
    properties.hs_attachment_ids = parts.attachmentIds.join(';');
  }
  return {
    properties,
    associations: [
      ...associations(emailToContact, parts.contactIds),
      ...associations(emailToCompany, parts.companyIds),
      ...associations(emailToDeal, parts.dealIds),
    ],
  };
}

/** B4: a missing contact, named from its display name, linked to its primary company when that is known. */
export function buildContactInput(contact: ContactToLink, companyId: string | null): CreateInput {
  const { firstname, lastname } = splitContactName(contact.name);
  const properties: Record<string, string> = { email: contact.email };
  if (firstname !== '') {
    properties.firstname = firstname;
  }
  if (lastname !== '') {
    properties.lastname = lastname;
  }
  return {
    properties,
    associations: companyId === null ? [] : associations(contactToPrimaryCompany, [companyId]),
  };
}
