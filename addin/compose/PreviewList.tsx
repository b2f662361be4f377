import { Badge, Text } from '@fluentui/react-components';
import type { MethodOutput } from '#shared/api/companion-api.js';
import type { Translate } from '../i18n/create-translator.js';

/** A3: who will be matched, created or left out, and the company and deals the email joins. */
export function PreviewList(props: {
  readonly t: Translate;
  readonly preview: MethodOutput<'checkMessage'>;
}) {
  const { t, preview } = props;
  if (preview.status !== 'logged') {
    return (
      <Text as="p" data-testid="preview-status">
        {t('compose.previewNotLogged', { reason: preview.reasons.map((r) => t(`reasons.${r}`)).join('; ') })}
      </Text>
    );
  }
  const matched = preview.contacts.filter((c) => !c.created);
  const created = preview.contacts.filter((c) => c.created);
  return (
    <div>
      <Text as="p" data-testid="preview-status">
        {t('compose.previewLogged', { owner: preview.owner ?? '' })}
      </Text>
      <Group title={t('compose.matched')} items={matched.map((c) => label(c.name, c.email))} />
      <Group title={t('compose.created')} items={created.map((c) => label(c.name, c.email))} />
      <Group
        title={t('compose.skipped')}
        items={preview.skippedRecipients.map((s) => `${s.email} — ${t(`reasons.${s.reason}`)}`)}
      />
      <Group title={t('compose.company')} items={preview.companies.map((c) => label(c.name, c.domain))} />
      <Group title={t('compose.deals')} items={preview.deals.map((d) => d.name)} />
    </div>
  );
}

function Group(props: { readonly title: string; readonly items: ReadonlyArray<string> }) {
  if (props.items.length === 0) {
    return null;
  }
  return (
    <div role="group" aria-label={props.title}>
      <Text weight="semibold">{props.title}</Text>{' '}
      <Badge appearance="tint" aria-hidden>
        {props.items.length}
      </Badge>
      <ul>
        {props.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

function label(name: string, address: string): string {
  return name === '' || name === address ? address : `${name} <${address}>`;
}
