// What a phrase rule is, and how a set of them is matched against a reading.
import { negatedAt, type Reading, type Span } from './reading';

export interface PhraseRule {
  /** Matched against the plain reading (lower case, quoted speech blanked); needs the `g` and `d` flags. */
  pattern: RegExp;
  /** The phrase is turned around by a negation earlier in its clause: "this isn't a small slip". */
  negatable?: boolean;
  /** The capture group that holds the words to quote; the whole match when absent. */
  group?: number;
  /** A further check that a pattern cannot say well (whether a word was written with a capital, say). */
  accept?: (match: RegExpExecArray, reading: Reading) => boolean;
}

/** Every span the rules find, overlapping ones merged into the earliest (and then longest). */
export function matchPhrases(reading: Reading, rules: readonly PhraseRule[]): Span[] {
  const found: Span[] = [];
  for (const rule of rules) {
    for (const match of reading.plain.matchAll(rule.pattern)) {
      const at = match.indices?.[rule.group ?? 0];
      if (!at) continue;
      const span = { start: at[0], end: at[1] };
      if (rule.negatable && negatedAt(reading, span.start)) continue;
      if (rule.accept && !rule.accept(match, reading)) continue;
      found.push(span);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of found) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** A regular expression alternation of words or phrases. */
export const anyOf = (words: readonly string[]) => `(?:${words.join('|')})`;

/**
 * People and groups other than the writer, as an owner names them: "the ops team", "QA", "my manager",
 * "the vendor". A person's own name is not here; rules that need one check for a capital letter.
 */
export const OTHER_GROUPS = [
  'team', 'teams', 'department', 'office', 'vendor', 'vendors', 'supplier', 'suppliers', 'contractor', 'contractors',
  'client', 'clients', 'customer', 'customers', 'manager', 'managers', 'boss', 'lead', 'colleague', 'colleagues',
  'people', 'others', 'qa', 'ops', 'finance', 'legal', 'hr', 'support', 'engineers', 'developers', 'designers',
  'staff', 'agency', 'partner', 'partners', 'director', 'management', 'leadership', 'company',
] as const;

export const OTHERS = `(?:(?:the|our|my|their|his|her|a|an) )?(?:[a-z-]+ )?${anyOf(OTHER_GROUPS)}\\b`;
export const OTHER_PRONOUNS = anyOf(['they', 'he', 'she', 'someone', 'somebody', 'nobody', 'no one', 'everyone', 'them', 'him', 'her', 'others']);
