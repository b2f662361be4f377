/**
 * The phrases around a forwarded or quoted message, per language, as data. Every phrase is lower-case;
 * matching lower-cases the text first.
 */

/**
 * Gmail's "Forwarded conversation" separator, per language: a thread forwarded whole, its Subject above a rule
 * (`---------- Forwarded conversation ----------`).
 */
export const forwardConversationPhrases: ReadonlyArray<string> = [
  'forwarded conversation',
  'weitergeleitete unterhaltung',
  'conversation transférée',
  'conversación reenviada',
  'conversa encaminhada',
  'conversazione inoltrata',
  'doorgestuurd gesprek',
];

/** Separator lines that only a forward writes ("---------- Forwarded message ---------", "Begin forwarded message:"). */
export const forwardSeparatorPhrases: ReadonlyArray<string> = [
  // en (Gmail, Apple Mail, Thunderbird, Yahoo, HubSpot, Missive, MailMate)
  'forwarded message',
  'begin forwarded message',
  'forwarded e-mail',
  'forwarded email',
  'forwarded mail',
  // cs
  'přeposlaná zpráva',
  'začátek přeposílané zprávy',
  // da
  'videresendt meddelelse',
  'start på videresendt besked',
  'videresendt besked',
  // de
  'weitergeleitete nachricht',
  'anfang der weitergeleiteten nachricht',
  'weitergeleitete e-mail',
  // es
  'mensaje reenviado',
  'inicio del mensaje reenviado',
  // et
  'edastatud kiri',
  'edastatud sõnum',
  // fi
  'välitetty viesti',
  'välitetty viesti alkaa',
  'edelleenlähetetty viesti',
  // fr
  'message transféré',
  'début du message réexpédié',
  'début du message transféré',
  'message transmis',
  // hr
  'proslijeđena poruka',
  'započni proslijeđenu poruku',
  // hu
  'továbbított levél kezdete',
  'továbbított üzenet',
  // it
  'messaggio inoltrato',
  'inizio messaggio inoltrato',
  // nl
  'doorgestuurd bericht',
  'begin doorgestuurd bericht',
  // no
  'videresendt melding',
  // pl
  'treść przekazanej wiadomości',
  'początek przekazywanej wiadomości',
  'przekazana wiadomość',
  'wiadomość przesłana dalej',
  // pt, pt-BR
  'mensagem reencaminhada',
  'início da mensagem reencaminhada',
  'mensagem encaminhada',
  'início da mensagem encaminhada',
  // ro
  'începe mesajul redirecționat',
  'mesaj redirecționat',
  'mesaj redirectionat',
  // ru (Apple Mail, Thunderbird, Yahoo, Mail.ru)
  'начало переадресованного сообщения',
  'перенаправленное сообщение',
  'пересылаемое сообщение',
  'пересланное сообщение',
  // sk
  'začiatok preposlanej správy',
  'preposlaná správa',
  // sv
  'vidarebefordrat mejl',
  'vidarebefordrat meddelande',
  'vidarebefordrat brev',
  // tr
  'ileti başlangıcı',
  'iletilen ileti',
  'iletilmiş mesaj',
  // uk
  'початок листа, що пересилається',
  'переслане повідомлення',
  'перенаправлене повідомлення',
  // ja
  '転送メッセージ',
  'メッセージを転送',
  '転送されたメッセージ',
  // zh
  '转发的邮件',
  '轉寄的郵件',
];

/**
 * "Original Message" separators: Outlook classic and IONOS write them above forwards, but Outlook also writes them
 * above replies, so they weigh less than a forward separator.
 */
export const originalMessagePhrases: ReadonlyArray<string> = [
  'original message',
  'ursprüngliche nachricht',
  "message d'origine",
  'message original',
  'mensaje original',
  'messaggio originale',
  'oorspronkelijk bericht',
  'originalmeddelelse',
  'opprinnelig melding',
  'ursprungligt meddelande',
  'alkuperäinen viesti',
  'wiadomość oryginalna',
  'původní zpráva',
  'pôvodná správa',
  'исходное сообщение',
  'mensagem original',
  'eredeti üzenet',
  'orijinal ileti',
  'izvorna poruka',
  'mesaj original',
  '元のメッセージ',
  '原始邮件',
];

/** Subject prefixes of a forward, in the languages of the clients we read ("Fwd:", "WG:", "TR:", "RV:" …). */
export const forwardSubjectPrefixes: ReadonlyArray<string> = [
  'fwd',
  'fw',
  'wg',
  'tr',
  'rv',
  'vs',
  'vl',
  'i',
  'pd',
  'enc',
  'vb',
  'ilt',
  'i̇lt',
  'videresend',
  'redir',
  'doorst',
  'trs',
  'fs',
  'přep',
  'prosl',
  'továbbítás',
  '転送',
  '转发',
  '轉寄',
];

/** Subject prefixes of a reply. ("VS" is a Finnish reply prefix but a Danish forward prefix: forwards win.) */
export const replySubjectPrefixes: ReadonlyArray<string> = [
  're',
  'aw',
  'antw',
  'sv',
  'odp',
  'ynt',
  'rif',
  'r',
  'res',
  'ref',
  'vá',
  'ответ',
  'відп',
  '返信',
  '回复',
  '回覆',
];

/** Words that open a reply attribution ("On", "Am", "Le", "Il giorno" …), removed from its start. */
export const attributionLeads: ReadonlyArray<string> = [
  'il giorno',
  'dnia',
  'dne',
  'on',
  'am',
  'el',
  'le',
  'op',
  'em',
  'den',
  'd.',
];

/**
 * Verbs and fillers of reply attributions ("wrote", "schrieb", "heeft … geschreven", "użytkownik … napisał") in
 * every supported language, removed to leave the date text. Longer phrases come first so they are removed whole.
 */
export const attributionVerbs: ReadonlyArray<string> = [
  'skrev følgende den',
  'tarihinde şunu yazdı',
  'ezt írta',
  'a écrit',
  'ha scritto',
  'napsal(a)',
  'napisał(a)',
  'написал(а)',
  'wrote',
  'schrieb',
  'escribió',
  'kirjoitti',
  'geschreven',
  'napisała',
  'napisał',
  'escreveu',
  'написала',
  'написал',
  'napísal',
  'följande',
  'skrev',
  'heeft',
  'időpontban',
  'użytkownik',
  'пользователь',
  'používateľ',
  'от',
];

/** Greetings that open a written reply rather than a forwarding note. */
export const replyGreetings: ReadonlyArray<string> = [
  'hi',
  'hello',
  'hey',
  'dear',
  'hallo',
  'hola',
  'bonjour',
  'salut',
  'ciao',
  'olá',
  'hej',
  'hei',
  'moi',
  'cześć',
  'dzień dobry',
  'ahoj',
  'dobrý den',
  'здравствуйте',
  'привет',
  'szia',
  'merhaba',
  'こんにちは',
];

/** Closing lines ("Thanks,", "Regards,") that end a written reply. */
export const replyClosings: ReadonlyArray<string> = [
  'thanks',
  'thank you',
  'many thanks',
  'regards',
  'best',
  'best regards',
  'kind regards',
  'warm regards',
  'cheers',
  'sincerely',
  'br',
  'danke',
  'viele grüße',
  'mit freundlichen grüßen',
  'liebe grüße',
  'gruß',
  'grüße',
  'merci',
  'cordialement',
  'bien à vous',
  'saludos',
  'gracias',
  'un saludo',
  'grazie',
  'saluti',
  'cordiali saluti',
  'obrigado',
  'obrigada',
  'atenciosamente',
  'met vriendelijke groet',
  'groeten',
  'mvh',
  'med vänlig hälsning',
  'hälsningar',
  'vänliga hälsningar',
  'pozdrawiam',
  's pozdravem',
  'díky',
  'спасибо',
  'с уважением',
  'üdvözlettel',
  'köszönöm',
  'saygılarımla',
  'teşekkürler',
  'よろしくお願いします',
  'よろしくお願いいたします',
];
