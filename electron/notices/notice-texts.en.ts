import type { NoticeTexts } from './notice-texts.js';

/** English notices (N1). */
export const noticeTextsEn: NoticeTexts = {
  locale: 'en',
  dateLocale: 'en-GB',
  greeting: 'This is an automatic message from the CRM mail logger ({mailbox}).',
  reasons: {
    'attachment-over-limit': {
      subject: 'Logged without some attachments: {subject}',
      what:
        'Your email was logged in the CRM, but {count} of its attachments were not, because each is larger than ' +
        'the attachment limit of {limit} MB:',
      action:
        'If the CRM record needs these files, share them through a link in the email, or add them to the record ' +
        'by hand.',
    },
    'forward-format-unrecognized': {
      subject: 'Not logged in the CRM: {subject}',
      what:
        'The message you forwarded was not logged in the CRM: no forwarded message could be found in it, so ' +
        'there was nothing to log.',
      action:
        'Forward the message inline, so that your mail client puts the original header block (From, Sent or ' +
        'Date, To, Subject) above the original text, and do not remove or edit that block. Or forward the ' +
        'message as an attachment (for example "Forward as attachment" in Outlook).',
    },
    'forward-of-own-message': {
      subject: 'Not logged in the CRM: {subject}',
      what:
        'The message you forwarded was not logged in the CRM: its newest message is your own, and the quoted ' +
        'history holds no earlier message from someone else that shows both a sender address and a date.',
      action:
        "Forward the other person's message itself, inline or as an attachment, rather than your reply to it.",
    },
    'forward-sender-unknown': {
      subject: 'Not logged in the CRM: {subject}',
      what:
        'The message you forwarded was not logged in the CRM: its original sender is shown by name only, without ' +
        'an email address (as Outlook shows senders inside Exchange), and no single contact has exactly that name.',
      action:
        "Forward the message as an attachment, which keeps the original headers with the sender's address, or " +
        'add the contact to the CRM under that exact name and forward the message again.',
    },
    'token-mismatch': {
      subject: 'Not logged in the CRM: {subject}',
      what:
        'Your email was not logged in the CRM: the logging address it was sent to carries a personal code (a ' +
        'token) that does not belong to the address you sent it from, {recipient}.',
      action:
        'Use your own logging address, as the add-in or the companion app shows it. If your token was renewed ' +
        'recently, the old address no longer works: use the new one.',
    },
    'sender-not-user': {
      subject: 'Not logged in the CRM: {subject}',
      what:
        'Your email was not logged in the CRM: the address you sent it from, {recipient}, is not a CRM user or ' +
        "one of a user's aliases, so it could not be logged on anyone's behalf.",
      action:
        'Send from the address you use in the CRM, or ask your CRM administrator to add this address to your ' +
        'user as an alias. The message can then be processed again.',
    },
  },
  labels: {
    originalMessage: 'The message concerned',
    subject: 'Subject',
    date: 'Date',
    messageId: 'Message-ID',
    reasonCodes: 'Reason codes',
    droppedFile: '{filename} ({size})',
  },
  noSubject: '(no subject)',
  unknownDate: '(unknown)',
  listSeparator: ', ',
  closing: 'This notice was sent automatically; replies to it are not read.',
};
