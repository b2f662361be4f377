/**
 * The labels mail clients write in front of a forwarded or quoted message's header lines, per UI language, as data
 * ("the label vocabulary as data, not as a wall of regexes"). Labels are matched case-insensitively after
 * the trailing colon (`:` or the full-width `：`) and any bold markers are removed.
 *
 * `date` covers both "Date" and Outlook's "Sent": they carry the same information.
 */

export type HeaderField = 'from' | 'to' | 'cc' | 'date' | 'subject' | 'replyTo';

type LanguageLabels = { readonly [F in HeaderField]?: ReadonlyArray<string> };

export const headerLabelsByLanguage: { readonly [language: string]: LanguageLabels } = {
  en: {
    from: ['from', 'sender'],
    to: ['to'],
    cc: ['cc'],
    date: ['date', 'sent'],
    subject: ['subject'],
    replyTo: ['reply-to', 'reply to'],
  },
  cs: {
    from: ['od', 'odesílatel'],
    to: ['komu'],
    cc: ['kopie'],
    date: ['datum', 'odesláno'],
    subject: ['předmět'],
  },
  da: {
    from: ['fra'],
    to: ['til'],
    cc: ['kopi'],
    date: ['dato', 'sendt'],
    subject: ['emne'],
    replyTo: ['svar til'],
  },
  de: {
    from: ['von', 'absender'],
    to: ['an', 'empfänger'],
    cc: ['kopie', 'kopie (cc)'],
    date: ['datum', 'gesendet'],
    subject: ['betreff'],
    replyTo: ['antwort an'],
  },
  es: {
    from: ['de', 'remitente'],
    to: ['para', 'a'],
    cc: ['cc'],
    date: ['fecha', 'enviado', 'enviado el'],
    subject: ['asunto'],
    replyTo: ['responder a'],
  },
  et: { from: ['saatja'], to: ['saaja'], cc: ['koopia'], date: ['kuupäev', 'saadetud'], subject: ['teema'] },
  fi: {
    from: ['lähettäjä'],
    to: ['vastaanottaja'],
    cc: ['kopio'],
    date: ['päivämäärä', 'päiväys', 'lähetetty'],
    subject: ['aihe'],
  },
  fr: {
    from: ['de', 'expéditeur'],
    to: ['à', 'a', 'pour', 'destinataire'],
    cc: ['cc', 'copie à', 'copie'],
    date: ['date', 'envoyé', 'envoyé le'],
    subject: ['objet', 'sujet'],
    replyTo: ['répondre à'],
  },
  hr: {
    from: ['šalje', 'od'],
    to: ['prima', 'za'],
    cc: ['kopija'],
    date: ['datum', 'poslano'],
    subject: ['naslov', 'predmet'],
  },
  hu: {
    from: ['feladó'],
    to: ['címzett'],
    cc: ['másolat', 'másolatot kap'],
    date: ['dátum', 'elküldve'],
    subject: ['tárgy'],
  },
  it: {
    from: ['da', 'mittente'],
    to: ['a', 'destinatario'],
    cc: ['cc'],
    date: ['data', 'inviato', 'inviato il'],
    subject: ['oggetto'],
    replyTo: ['rispondi a'],
  },
  nl: {
    from: ['van', 'afzender'],
    to: ['aan'],
    cc: ['cc'],
    date: ['datum', 'verzonden', 'verzonden op'],
    subject: ['onderwerp'],
    replyTo: ['antwoord naar'],
  },
  no: { from: ['fra'], to: ['til'], cc: ['kopi'], date: ['dato', 'sendt'], subject: ['emne'] },
  pl: {
    from: ['od', 'nadawca'],
    to: ['do', 'adresat'],
    cc: ['dw', 'kopia'],
    date: ['data', 'wysłano', 'wysłane'],
    subject: ['temat'],
  },
  pt: {
    from: ['de', 'remetente'],
    to: ['para'],
    cc: ['cc'],
    date: ['data', 'enviado', 'enviada', 'enviado em'],
    subject: ['assunto'],
  },
  ro: {
    from: ['de la', 'expeditorul', 'expeditor'],
    to: ['către', 'destinatarul', 'destinatar'],
    cc: ['cc'],
    date: ['dată', 'data', 'trimis'],
    subject: ['subiect', 'subiectul'],
  },
  ru: {
    from: ['от', 'от кого', 'отправитель'],
    to: ['кому'],
    cc: ['копия'],
    date: ['дата', 'отправлено'],
    subject: ['тема'],
  },
  sk: {
    from: ['od'],
    to: ['komu', 'pre'],
    cc: ['kópia'],
    date: ['dátum', 'odoslané'],
    subject: ['predmet'],
  },
  sv: {
    from: ['från', 'avsändare'],
    to: ['till', 'mottagare'],
    cc: ['kopia'],
    date: ['datum', 'skickat'],
    subject: ['ämne'],
  },
  tr: {
    from: ['kimden', 'gönderen'],
    to: ['kime', 'alıcı'],
    cc: ['bilgi'],
    date: ['tarih', 'gönderilen', 'gönderildi', 'gönderme tarihi'],
    subject: ['konu'],
  },
  uk: {
    from: ['від', 'від кого'],
    to: ['кому'],
    cc: ['копія'],
    date: ['дата', 'відправлено', 'надіслано'],
    subject: ['тема'],
  },
  ja: {
    from: ['差出人', '送信者', '送信元'],
    to: ['宛先', '送信先'],
    cc: ['cc'],
    date: ['送信日時', '日付', '日時'],
    subject: ['件名'],
  },
  zh: {
    from: ['发件人', '寄件者', '寄件人'],
    to: ['收件人', '收件者'],
    cc: ['抄送', '副本'],
    date: ['发送时间', '日期', '时间', '寄件日期'],
    subject: ['主题', '主旨'],
  },
};

/**
 * The date labels that mean "sent" rather than "date", in every language: Outlook for Windows and the web write
 * them ("Sent", "Envoyé", "Gesendet"), Outlook for Mac writes "Date" ("Date", "Datum") in the same layout.
 */
export const sentDateLabels: ReadonlySet<string> = new Set([
  'sent',
  'odesláno',
  'sendt',
  'gesendet',
  'enviado',
  'enviado el',
  'saadetud',
  'lähetetty',
  'envoyé',
  'envoyé le',
  'poslano',
  'elküldve',
  'inviato',
  'inviato il',
  'verzonden',
  'verzonden op',
  'wysłano',
  'wysłane',
  'enviada',
  'enviado em',
  'trimis',
  'отправлено',
  'odoslané',
  'skickat',
  'gönderilen',
  'gönderildi',
  'gönderme tarihi',
  'відправлено',
  'надіслано',
  '送信日時',
  '发送时间',
  '寄件日期',
]);

/** Every label of every language, lower-cased, to the field it names. */
export const headerFieldByLabel: ReadonlyMap<string, HeaderField> = buildLabelMap();

/** The longest label, in characters: lines whose label part is longer cannot be header lines. */
export const longestLabelLength = Math.max(...[...headerFieldByLabel.keys()].map((label) => label.length));

function buildLabelMap(): Map<string, HeaderField> {
  const map = new Map<string, HeaderField>();
  for (const labels of Object.values(headerLabelsByLanguage)) {
    for (const [field, words] of Object.entries(labels) as Array<[HeaderField, ReadonlyArray<string>]>) {
      for (const word of words) {
        if (!map.has(word)) {
          map.set(word, field);
        }
      }
    }
  }
  return map;
}
