import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { defaultAddinOrigin, renderManifest } from '../../../electron/cli/render-manifest.js';

/**
 * The parts of addin/manifest.xml that Microsoft's published schemas predate (Runtimes, LaunchEvent), checked by
 * hand as the event-based activation documentation describes them (docs/addin.md). The rest is validated against
 * the schemas with xmllint by CI's `npm run validate:manifest`.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const manifestXml = readFileSync(path.join(root, 'addin/manifest.xml'), 'utf8');
const eventsSource = readFileSync(path.join(root, 'addin/events/launch-events.ts'), 'utf8');

const V1_0 = 'http://schemas.microsoft.com/office/mailappversionoverrides';
const V1_1 = 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1';
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The lowest Mailbox requirement set (1.x: the minor number) of each launch event, as documented. */
const launchEventSets: Record<string, number> = {
  OnNewMessageCompose: 10,
  OnMessageRecipientsChanged: 11,
  OnMessageSend: 12,
};

/** "1.12" → 12: requirement sets compare by their minor number (1.12 is above 1.3). */
function minor(version: string | null): number {
  const match = /^1\.(\d+)$/.exec(version ?? '');
  if (match === null) {
    throw new Error(`not a Mailbox requirement set: ${String(version)}`);
  }
  return Number(match[1]);
}

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

function elements(scope: Element, ns: string, name: string): Element[] {
  return Array.from(scope.getElementsByTagNameNS(ns, name));
}

function overrides(xml: string): { outer: Element; inner: Element } {
  const doc = parse(xml);
  const outer = elements(doc.documentElement as Element, V1_0, 'VersionOverrides')[0];
  const inner = outer === undefined ? undefined : elements(outer, V1_1, 'VersionOverrides')[0];
  if (outer === undefined || inner === undefined) {
    throw new Error('the manifest has no VersionOverrides 1.0 with a 1.1 inside');
  }
  return { outer, inner };
}

function childElements(element: Element): Element[] {
  return Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1);
}

describe('addin/manifest.xml', () => {
  const { outer, inner } = overrides(manifestXml);
  const host = elements(inner, V1_1, 'Host')[0] as Element;
  const launchEvents = elements(inner, V1_1, 'LaunchEvent');

  it('A6: asks for ReadWriteItem, enough to add and remove a Bcc recipient and read the MIME', () => {
    const doc = parse(manifestXml);
    const permissions = doc.getElementsByTagName('Permissions')[0]?.textContent;
    expect(permissions).toBe('ReadWriteItem');
  });

  it('A2: declares the three launch events, the send check in PromptUser mode', () => {
    expect(launchEvents.map((e) => [e.getAttribute('Type'), e.getAttribute('FunctionName')])).toEqual([
      ['OnNewMessageCompose', 'onNewMessageCompose'],
      ['OnMessageRecipientsChanged', 'onMessageRecipientsChanged'],
      ['OnMessageSend', 'onMessageSend'],
    ]);
    const sendModes = launchEvents.filter((e) => e.hasAttribute('SendMode'));
    expect(sendModes.map((e) => [e.getAttribute('Type'), e.getAttribute('SendMode')])).toEqual([
      ['OnMessageSend', 'PromptUser'],
    ]);
  });

  it('puts the runtime first in the host, with a JavaScript-only override for classic Outlook', () => {
    const first = childElements(host)[0];
    expect(first?.localName).toBe('Runtimes');
    const runtimes = elements(host, V1_1, 'Runtime');
    expect(runtimes).toHaveLength(1);
    const override = elements(runtimes[0] as Element, V1_1, 'Override');
    expect(override.map((o) => o.getAttribute('type'))).toEqual(['javascript']);
  });

  it('loads the launch events from the same page as the runtime', () => {
    const runtime = elements(host, V1_1, 'Runtime')[0] as Element;
    const point = elements(host, V1_1, 'ExtensionPoint').find(
      (e) => e.getAttributeNS(XSI, 'type') === 'LaunchEvent',
    ) as Element;
    const source = elements(point, V1_1, 'SourceLocation')[0];
    expect(source?.getAttribute('resid')).toBe(runtime.getAttribute('resid'));
  });

  it('requires in the inner overrides at least the highest set any of its launch events needs', () => {
    const sets = elements(inner, BT, 'Sets')[0] as Element;
    const needed = Math.max(...launchEvents.map((e) => launchEventSets[e.getAttribute('Type') ?? ''] ?? 99));
    expect(minor(sets.getAttribute('DefaultMinVersion'))).toBeGreaterThanOrEqual(needed);
    // The outer overrides carry the panes for older clients that have no launch events.
    expect(minor(elements(outer, BT, 'Sets')[0]?.getAttribute('DefaultMinVersion') ?? null)).toBeLessThan(
      needed,
    );
  });

  it('resolves every resid in the resources of its own overrides', () => {
    for (const scope of [inner, outer]) {
      const own = (e: Element) => {
        let parent = e.parentNode as Element | null;
        while (parent !== null && parent.localName !== 'VersionOverrides') {
          parent = parent.parentNode as Element | null;
        }
        return parent === scope;
      };
      const ids = new Set(
        ['Image', 'Url', 'String'].flatMap((n) =>
          elements(scope, BT, n)
            .filter(own)
            .map((e) => e.getAttribute('id')),
        ),
      );
      const all = Array.from(scope.getElementsByTagName('*')).filter(own);
      const residues = all
        .map((e) => e.getAttribute('resid'))
        .filter((r): r is string => r !== null && r !== '');
      expect(residues.length).toBeGreaterThan(5);
      expect(residues.filter((r) => !ids.has(r))).toEqual([]);
    }
  });

  it('keeps short strings within 125 and long strings within 250 characters, in every language', () => {
    for (const [kind, limit] of [
      ['ShortStrings', 125],
      ['LongStrings', 250],
    ] as const) {
      const values = elements(outer, BT, kind).flatMap((list) =>
        Array.from(list.getElementsByTagName('*')).map(
          (e) => e.getAttribute('DefaultValue') ?? e.getAttribute('Value') ?? '',
        ),
      );
      expect(values.length).toBeGreaterThan(0);
      expect(values.filter((v) => v.length > limit)).toEqual([]);
    }
  });

  it('has a ja-JP override for every string Outlook shows', () => {
    const strings = elements(outer, BT, 'String');
    expect(strings.filter((s) => s.getElementsByTagNameNS(BT, 'Override').length === 0)).toEqual([]);
  });

  it('names https URLs of one origin only, the companion by default', () => {
    const urls = [...manifestXml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((u) => !u.startsWith(`${defaultAddinOrigin}/addin/`))).toEqual([]);
  });

  it('associates every FunctionName in the launch-event bundle', () => {
    const names = launchEvents.map((e) => e.getAttribute('FunctionName'));
    for (const name of names) {
      expect(eventsSource).toMatch(new RegExp(`Office\\.actions\\.associate\\(\\s*'${name}'`));
    }
  });
});

describe('renderManifest', () => {
  it('A6: points every URL at IT’s own server and nothing else changes', () => {
    const rendered = renderManifest(manifestXml, 'https://crm-addin.corp.example:8443');
    expect(rendered).not.toContain(defaultAddinOrigin);
    expect(rendered.split('https://crm-addin.corp.example:8443/addin/').length).toBe(
      manifestXml.split(`${defaultAddinOrigin}/addin/`).length,
    );
    expect(rendered.replaceAll('https://crm-addin.corp.example:8443', defaultAddinOrigin)).toBe(manifestXml);
  });

  it('refuses http, paths and non-URLs with a sentence', () => {
    expect(() => renderManifest(manifestXml, 'http://crm.corp.example')).toThrow(/https origin/);
    expect(() => renderManifest(manifestXml, 'https://crm.corp.example/addin')).toThrow(/no path/);
    expect(() => renderManifest(manifestXml, 'crm.corp.example')).toThrow(/https origin/);
  });
});
