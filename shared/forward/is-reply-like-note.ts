import { replyClosings, replyGreetings } from './forward-phrases.js';
import { trimRuns } from './trim-runs.js';

const greetingPattern = new RegExp(
  String.raw`^(?:${replyGreetings.map((g) => g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\p{L}])`,
  'iu',
);

/**
 * Whether the text above a header block reads as a written reply: it opens with a greeting ("Hi Bob,") or one of
 * its last lines is a closing ("Thanks,", "Regards,"). Outlook writes the same header block above a quoted reply
 * and above a forwarded message, so when neither a forward separator nor the subject tells them apart, a note
 * shaped like a letter means a reply. A forwarding note is usually a bare remark ("FYI", "see below").
 */
export function isReplyLikeNote(note: string): boolean {
  const lines = note
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0];
  if (first === undefined) {
    return false;
  }
  if (greetingPattern.test(first)) {
    return true;
  }
  return lines.slice(-3).some((line) => {
    const bare = trimRuns(line.toLowerCase(), '', ',.!:;');
    return replyClosings.includes(bare) || replyClosings.some((closing) => bare.startsWith(`${closing}, `));
  });
}
