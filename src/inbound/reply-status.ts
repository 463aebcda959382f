import type { ProgressStatus } from '../domain/types';

/**
 * Reads a status at the very start of a (stripped) progress reply.
 *
 * The rule: the first line starts with a status phrase, optionally after "Status:", and the phrase
 * is either
 * - alone on that line (trailing ".", "!", ":", ";", "…", dashes and emoji allowed), or
 * - followed by ".", "!", ":", ";", "…" or emoji ("Done ✅ shipped"), or by a dash with a space
 *   after it ("Blocked - vendor"),
 *   and then the note; after "on track" and "blocked" a comma works too ("On track, vendor paid").
 * Anything else, a word or a question mark straight after the phrase, or a comma after a "done"
 * phrase ("Done, except the docs"), means no status: "Done with the first part, now blocked on X",
 * "Blocked on legal", "Done?", "Not done." and "Done-ish" all give no status, and the whole text is
 * the note. A wrong "done" closes the mistake, so unclear replies are left for a click to settle.
 *
 * Phrases (any case): on_track: "on track", "on-track", "ontrack", "on_track"; blocked: "blocked";
 * done: "done", "all done", "finished", "completed".
 *
 * `rest` is the note: the text after the phrase and its punctuation, with the rest of the reply's
 * lines kept as they are (leading and trailing blank lines and spaces removed). Without a status,
 * `rest` is the whole text trimmed the same way.
 */
export function readStatusPrefix(text: string): { status?: ProgressStatus; rest: string } {
  const trimmed = trimText(text);
  const newline = trimmed.indexOf('\n');
  const firstLine = newline === -1 ? trimmed : trimmed.slice(0, newline);
  const after = newline === -1 ? '' : trimmed.slice(newline + 1);

  const match = STATUS.exec(firstLine);
  if (!match) return { rest: trimmed };
  const phrase = (match[1] ?? '').toLowerCase().replace(/[\s_-]+/g, ' ');
  const status: ProgressStatus =
    phrase === 'blocked' ? 'blocked' : phrase === 'on track' || phrase === 'ontrack' ? 'on_track' : 'done';
  const tail = firstLine.slice(match[0].length);

  if (STANDALONE_TAIL.test(tail)) return { status, rest: trimText(after) };
  const separator = (status === 'done' ? SEPARATOR : SEPARATOR_OR_COMMA).exec(tail);
  if (!separator) return { rest: trimmed };
  const sameLine = tail.slice(separator[0].length);
  return { status, rest: trimText(after === '' ? sameLine : `${sameLine}\n${after}`) };
}

function trimText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
    .replace(/^[ \t]+/, '');
}

const STATUS = /^(?:status\s*[:\-–—]\s*)?(on[\s_-]?track|blocked|all\s+done|done|finished|completed)/i;

const STANDALONE_TAIL = /^[\s.!:;…\-–—\p{Extended_Pictographic}\u{FE0F}\u{200D}]*$/u;

const EMOJI = '\\p{Extended_Pictographic}\\u{FE0F}\\u{200D}';
const SEPARATOR = new RegExp(`^\\s*(?:(?:[.!:;…${EMOJI}]\\s*)+|[-–—]+\\s+)`, 'u');
const SEPARATOR_OR_COMMA = new RegExp(`^\\s*(?:(?:[.!:;…,${EMOJI}]\\s*)+|[-–—]+\\s+)`, 'u');
