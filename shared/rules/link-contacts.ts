import { domainOf } from '../address/normalize-address.js';
import { isFreeMailDomain } from '../address/free-mail-domains.js';
import type { Facts } from '../model/crm-data.js';
import type { ContactToLink } from '../model/decision.js';
import type { Candidate } from './classify-recipients.js';

export type Links = {
  readonly contacts: ReadonlyArray<ContactToLink>;
  readonly companies: ReadonlyArray<string>;
  readonly deals: ReadonlyArray<string>;
};

/**
 * B4, B7, F6, F7: each candidate becomes an existing contact or one to create (named from the display name as
 * written, so Japanese names keep family-name-first order). Each contact brings its primary company — a new one
 * the company whose domain is its address's domain, unless that is free mail; no company is created — and its
 * most recent open deals (`dealsPerContact`, by create date, newest first).
 */
export function linkContacts(candidates: ReadonlyArray<Candidate>, facts: Facts): Links {
  const settings = facts.settings;
  const companyDomains = new Set(facts.companies.map((c) => c.domain.toLowerCase()));
  const contacts = candidates.map((candidate): ContactToLink => {
    const existing = facts.contacts.find((c) => c.email.toLowerCase() === candidate.email);
    if (existing) {
      return { ...candidate, name: existing.name, created: false, company: existing.company };
    }
    const domain = domainOf(candidate.email);
    const company =
      companyDomains.has(domain) && !isFreeMailDomain(domain, settings.freeMailDomains) ? domain : null;
    return { ...candidate, created: true, company };
  });
  const companies = unique(contacts.map((c) => c.company).filter((c): c is string => c !== null));
  const deals = unique(
    contacts.flatMap((contact) =>
      facts.deals
        .filter((d) => d.stage === 'open' && d.contacts.some((e) => e.toLowerCase() === contact.email))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id))
        .slice(0, settings.dealsPerContact)
        .map((d) => d.id),
    ),
  );
  return { contacts, companies, deals };
}

function unique<T>(items: ReadonlyArray<T>): ReadonlyArray<T> {
  return [...new Set(items)];
}
