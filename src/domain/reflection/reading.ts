// A text prepared for the reflection rules: one string the rules match against, the same length as what the
// owner wrote, so that every match points at the owner's exact words.

export interface Reading {
  /** As the owner wrote it. */
  readonly text: string;
  /**
   * Index for index the same as `text`: lower case, curly quote marks made straight, and quoted speech blanked
   * out, because words inside quotation marks are someone else's.
   */
  readonly plain: string;
}

export interface Span {
  start: number;
  end: number;
}

const STRAIGHT: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '„': '"', '«': '"', '»': '"' };

export function read(text: string): Reading {
  let plain = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    // A few characters lower-case to more than one unit (İ): those stay as they are, to keep indexes aligned.
    const one = lower.length === char.length ? lower : char;
    plain += STRAIGHT[one] ?? one;
  }
  return { text, plain: blankQuotes(plain) };
}

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const opensBefore = (c: string | undefined) => c === undefined || /[\s([{\-–—:,]/.test(c);

/** Spans inside double quotes, and inside single quotes that are not apostrophes (didn't, team's). */
function quotedSpans(plain: string): Span[] {
  const spans: Span[] = [];
  let open: { at: number; mark: string } | null = null;
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i];
    if (c !== '"' && c !== "'") continue;
    if (open) {
      const closes = c === open.mark && (c === '"' || (!isLetter(plain[i + 1]) && plain[i - 1] !== ' '));
      if (closes) {
        spans.push({ start: open.at, end: i + 1 });
        open = null;
      }
    } else if (c === '"' || (opensBefore(plain[i - 1]) && isLetter(plain[i + 1]))) {
      open = { at: i, mark: c };
    }
  }
  return spans;
}

function blankQuotes(plain: string): string {
  let out = plain;
  for (const { start, end } of quotedSpans(plain)) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}

/** Sentences of the reading, as spans; a line break ends one too. */
export function sentences(reading: Reading): Span[] {
  const spans: Span[] = [];
  const pattern = /[^.!?\n]+(?:[.!?]+|\n|$)/g;
  for (const m of reading.plain.matchAll(pattern)) {
    // Trimmed by what was written: a sentence that opens with a quotation keeps it.
    const written = reading.text.slice(m.index, m.index + m[0].length);
    const start = m.index + (written.length - written.trimStart().length);
    const end = m.index + written.trimEnd().length;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

// A clause ends at punctuation or at a word that joins two clauses: "it was not the ops team's fault, it was
// mine" is two clauses, and the "not" of the first says nothing about the second.
const CLAUSE_BREAK = /[,;:.!?()\n–—]|\b(?:but|and|so|though|although|because|while|whereas)\b/g;

/** The plain text from the start of the clause holding `index` up to `index`. */
export function clauseBefore(reading: Reading, index: number): string {
  const before = reading.plain.slice(0, index);
  let start = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) start = m.index + m[0].length;
  return before.slice(start);
}

const NEGATION = /\b(?:not|never|hardly|no longer|cannot)\b|n't\b/;

/** The phrase at `index` is denied in its own clause: "this isn't a small slip", "I won't say nobody minded". */
export const negatedAt = (reading: Reading, index: number) => NEGATION.test(clauseBefore(reading, index));

/** The owner's words for a span, without the spaces and punctuation around them. */
export function quoteOf(reading: Reading, span: Span): string {
  return reading.text.slice(span.start, span.end).replace(/^[\s,;:]+|[\s,;:.!?]+$/g, '');
}
