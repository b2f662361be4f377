import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Subtitle2,
  Text,
  typographyStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '#shared/api/api-error.js';
import type { ResultDetail } from '#shared/api/companion-schemas.js';
import { counterpartOf } from '../format/counterpart-of.js';
import { useCompanion } from '../hooks/use-companion.js';
import { ErrorText } from './ErrorText.js';
import { StatusIcon } from './StatusIcon.js';
import { SyncBadge } from './SyncBadge.js';

const useStyles = makeStyles({
  panel: { padding: '16px', overflowY: 'auto', height: '100%', boxSizing: 'border-box' },
  head: { display: 'flex', alignItems: 'flex-start', columnGap: '8px' },
  title: { flexGrow: 1, overflowWrap: 'anywhere', margin: 0, ...typographyStyles.subtitle1 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px', margin: '12px 0' },
  code: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: 'flex', columnGap: '8px', marginTop: '16px' },
});

export type ResultDetailPanelProps = {
  readonly id: number;
  readonly onClose: () => void;
  readonly onForgotten: (id: number) => void;
};

/** One result in full, with the actions that fit it; the row and this panel follow the companion's events. */
export function ResultDetailPanel({ id, onClose, onForgotten }: ResultDetailPanelProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report, announce } = useCompanion();
  const [detail, setDetail] = useState<ResultDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [epoch, setEpoch] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let cancelled = false;
    void connection.api.getResult({ id }).then((reply) => {
      if (cancelled) {
        return;
      }
      report(reply);
      if (reply.ok) {
        setDetail(reply.value);
        setError(null);
      } else {
        setError(reply.error);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [connection, report, id, epoch]);

  // Keep the detail current when the same result changes (a sync finishing after a retry).
  useEffect(
    () =>
      connection.onEvent((event) => {
        if (event.type === 'result' && event.entry.id === id) {
          setEpoch((n) => n + 1);
        }
      }),
    [connection, id],
  );

  const loadedId = detail?.id;
  useEffect(() => {
    if (loadedId !== undefined) {
      heading.current?.focus();
    }
  }, [loadedId]);

  const act = async (action: 'retry' | 'reprocess' | 'forget'): Promise<void> => {
    setBusy(action);
    setError(null);
    if (action === 'forget') {
      const reply = report(await connection.api.forgetResult({ id }));
      setBusy(null);
      if (!reply.ok) {
        setError(reply.error);
        return;
      }
      announce(t('detail.forgotten'));
      onForgotten(id);
      return;
    }
    const call = action === 'retry' ? connection.api.retryResult : connection.api.reprocessResult;
    const reply = report(await call({ id }));
    setBusy(null);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    announce(t(action === 'retry' ? 'detail.retried' : 'detail.reprocessed'));
    // The row follows the companion's events, not this reply: a sync that finishes before the reply is read would
    // otherwise be overwritten by the older state the reply carries.
    setEpoch((n) => n + 1);
  };

  if (detail === null) {
    return (
      <section className={styles.panel} aria-label={t('detail.label')}>
        {error ? <ErrorText error={error} /> : <Spinner label={t('detail.loading')} />}
      </section>
    );
  }
  const email = detail.email;
  const nameOf = (address: string): string =>
    detail.labels.contacts.find((c) => c.email === address)?.name ?? '';
  const companyName = (domain: string): string =>
    detail.labels.companies.find((c) => c.domain === domain)?.name ?? domain;
  return (
    <section className={styles.panel} aria-labelledby="detail-heading">
      <div className={styles.head}>
        <StatusIcon status={detail.status} />
        <h2 id="detail-heading" ref={heading} tabIndex={-1} className={styles.title}>
          {email?.subject || t('row.noSubject')}
        </h2>
        <Button
          appearance="subtle"
          icon={<Dismiss20Regular />}
          aria-label={t('detail.close')}
          onClick={onClose}
        />
      </div>
      <dl className={styles.facts}>
        <Fact label={t('detail.status')}>
          {t(`status.${detail.status}`)} <SyncBadge sync={detail.sync} />
        </Fact>
        <Fact label={t('detail.counterpart')}>{counterpartOf(detail) ?? t('row.noCounterpart')}</Fact>
        <Fact label={t('detail.owner')}>{detail.owner ?? t('row.noOwner')}</Fact>
        <Fact label={t('detail.route')}>{t(`route.${detail.route}`)}</Fact>
        {email && <Fact label={t('detail.from')}>{email.from}</Fact>}
        {detail.duplicateOf && <Fact label={t('detail.duplicateOf')}>{detail.duplicateOf}</Fact>}
        {detail.forward && (
          <Fact label={t('detail.forward')}>
            {t('detail.forwardClient', {
              client: t(`client.${detail.forward.client}`),
              confidence: Math.round(detail.forward.confidence * 100),
            })}
          </Fact>
        )}
      </dl>
      {error && <ErrorText error={error} />}

      <Section title={t('detail.reasons')} empty={detail.reasons.length === 0}>
        {detail.reasons.map((code) => (
          <li key={code}>
            {t(`reason.${code}`)} <Text className={styles.code}>({code})</Text>
          </li>
        ))}
      </Section>
      <Section title={t('detail.contacts')} empty={detail.contacts.length === 0}>
        {detail.contacts.map((c) => (
          <li key={c.email}>
            {nameOf(c.email) ? `${nameOf(c.email)} <${c.email}>` : c.email} — {t(`role.${c.role}`)}{' '}
            <Badge appearance="outline" size="small">
              {c.created ? t('detail.created') : t('detail.matched')}
            </Badge>
          </li>
        ))}
      </Section>
      <Section title={t('detail.skippedRecipients')} empty={detail.skippedRecipients.length === 0}>
        {detail.skippedRecipients.map((s) => (
          <li key={s.email}>
            {s.email} — {t(`reason.${s.reason}`)}
          </li>
        ))}
      </Section>
      <Section title={t('detail.companies')} empty={detail.companies.length === 0}>
        {detail.companies.map((domain) => (
          <li key={domain}>
            {companyName(domain)} ({domain})
          </li>
        ))}
      </Section>
      <Section title={t('detail.deals')} empty={detail.deals.length === 0}>
        {detail.deals.map((dealId) => {
          const deal = detail.labels.deals.find((d) => d.id === dealId);
          return <li key={dealId}>{deal ? `${deal.name} — ${t(`stage.${deal.stage}`)}` : dealId}</li>;
        })}
      </Section>
      <Section
        title={t('detail.attachments')}
        empty={detail.attachments.logged.length + detail.attachments.dropped.length === 0}
      >
        {detail.attachments.logged.map((a) => (
          <li key={`kept-${a.sha256}-${a.filename}`}>
            {t('detail.attachmentKept', { name: a.filename, size: a.size })}
          </li>
        ))}
        {detail.attachments.dropped.map((a) => (
          <li key={`dropped-${a.filename}`}>
            {t('detail.attachmentDropped', {
              name: a.filename,
              size: a.size,
              reason: t(`reason.${a.reason}`),
            })}
          </li>
        ))}
      </Section>
      <Section title={t('detail.notices')} empty={detail.notices.length === 0}>
        {detail.notices.map((n) => (
          <li key={`${n.to}-${n.reason}`}>
            {t(n.sent ? 'detail.noticeSent' : 'detail.noticeNotSent', {
              to: n.to,
              reason: t(`reason.${n.reason}`),
            })}
          </li>
        ))}
      </Section>

      <div className={styles.actions}>
        {detail.actions.includes('retry') && (
          <Button appearance="primary" disabled={busy !== null} onClick={() => void act('retry')}>
            {busy === 'retry' ? t('detail.working') : t('detail.retry')}
          </Button>
        )}
        {detail.actions.includes('reprocess') && (
          <Button disabled={busy !== null} onClick={() => void act('reprocess')}>
            {busy === 'reprocess' ? t('detail.working') : t('detail.reprocess')}
          </Button>
        )}
        {detail.actions.includes('forget') && (
          <Dialog>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={busy !== null}>{t('detail.forget')}</Button>
            </DialogTrigger>
            <DialogSurface>
              <DialogBody>
                <DialogTitle>{t('detail.forgetTitle')}</DialogTitle>
                <DialogContent>{t('detail.forgetBody')}</DialogContent>
                <DialogActions>
                  <DialogTrigger disableButtonEnhancement>
                    <Button>{t('common.cancel')}</Button>
                  </DialogTrigger>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="primary" onClick={() => void act('forget')}>
                      {t('detail.forgetConfirm')}
                    </Button>
                  </DialogTrigger>
                </DialogActions>
              </DialogBody>
            </DialogSurface>
          </Dialog>
        )}
      </div>
      {detail.actions.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t('detail.noActions')}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <>
      <dt>
        <Text weight="semibold">{label}</Text>
      </dt>
      <dd style={{ margin: 0 }}>{children}</dd>
    </>
  );
}

function Section({
  title,
  empty,
  children,
}: {
  readonly title: string;
  readonly empty: boolean;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Subtitle2 as="h3">{title}</Subtitle2>
      {empty ? (
        <p style={{ margin: '4px 0 12px' }}>
          <Text>{t('detail.none')}</Text>
        </p>
      ) : (
        <ul style={{ margin: '4px 0 12px', paddingLeft: '20px' }}>{children}</ul>
      )}
    </>
  );
}
