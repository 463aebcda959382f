// Reflection notes: before the leader reads the owner's words, Mend reads them for the owner, privately, for
// the two things both seeds warn against (shifting the blame, telling others how to feel) and two that go
// with them (talking it down, and never saying what part was the writer's). Plain rules, no model: the same
// words always get the same notes, and every note can say which words raised it.
import { BLAME_RULES } from './blame';
import { FEELINGS_RULES } from './feelings';
import { MINIMISING_RULES } from './minimising';
import { quoteOf, read, type Span } from './reading';
import { matchPhrases, type PhraseRule } from './rules';
import { unownedSpan } from './unowned';

export type ReflectionKind = 'blame' | 'feelings' | 'minimising' | 'unowned';
export const REFLECTION_KINDS: readonly ReflectionKind[] = ['blame', 'feelings', 'minimising', 'unowned'];

export interface ReflectionNote {
  kind: ReflectionKind;
  /** The exact words, as written, that raised the note. */
  quote: string;
}

/** The texts that are read: what the owner owns, and what they learned. */
export type ReflectedText = 'ownership' | 'learning';

const PHRASES: Record<Exclude<ReflectionKind, 'unowned'>, readonly PhraseRule[]> = {
  blame: BLAME_RULES,
  feelings: FEELINGS_RULES,
  minimising: MINIMISING_RULES,
};

/** The notes for one text, in the order their words appear. */
export function reflect(text: string): ReflectionNote[] {
  const reading = read(text);
  const found: { kind: ReflectionKind; span: Span }[] = [];
  for (const [kind, rules] of Object.entries(PHRASES) as [ReflectionKind, readonly PhraseRule[]][]) {
    for (const span of matchPhrases(reading, rules)) found.push({ kind, span });
  }
  const unowned = unownedSpan(reading);
  if (unowned) found.push({ kind: 'unowned', span: unowned });
  return found
    .sort((a, b) => a.span.start - b.span.start)
    .map(({ kind, span }) => ({ kind, quote: quoteOf(reading, span) }))
    .filter((note) => note.quote !== '');
}

/** The notes on the latest ownership statement and learning, each saying which text it is on. */
export function reflectOn(texts: { ownership: string | null; learning: string | null }): (ReflectionNote & { on: ReflectedText })[] {
  return (['ownership', 'learning'] as const).flatMap((on) => {
    const text = texts[on];
    return text ? reflect(text).map((note) => ({ ...note, on })) : [];
  });
}
