// Unowned: no part of it is named as the writer's own. Nothing in the first person takes the act: "mistakes
// were made", "the migration was run without a rollback". Seed 003, step 2: "Be the first to own the problem."
import { negatedAt, sentences, type Reading, type Span } from './reading';
import { anyOf, OTHER_GROUPS } from './rules';

/**
 * What follows an "I" or "we" that feels, hopes or apologises, or had it done to them, without taking any
 * act: "I'm sorry it happened", "I couldn't do anything", "I was given the wrong figures".
 */
const NOT_AN_ACT = new RegExp(
  '^(?:' +
    [
      "(?:'m|'re| am| are) (?:so |very |really |truly )?(?:sorry|sure|afraid|certain|confident|not sure)",
      ` ${anyOf(['apologi[sz]e', 'hope', 'hoped', 'feel', 'felt', 'think', 'thought', 'believe', 'guess', 'suppose', 'know', 'knew', 'wish', 'understand', 'imagine', 'expect'])}\\b`,
      ` ${anyOf(["couldn't", 'could not', "can't", 'cannot', 'can not', 'had no', 'have no', "'d no"])}\\b`,
      ` (?:was|were)(?: not| never)? ${anyOf(['given', 'told', 'sent', 'handed', 'shown', 'left', 'kept', 'asked', 'misinformed', 'misled', 'assured', 'promised', 'informed', 'warned'])}\\b`,
    ].join('|') +
    ')',
);

const FIRST_PERSON = /\b(?:i|we)(?=[\s']|$)/g;

/** "My mistake", "our call": the writer names something as theirs. "My team", "my manager" are other people. */
const POSSESSIVE = new RegExp(`\\b(?:my|our) (?!${anyOf(OTHER_GROUPS)}\\b|${anyOf(['colleague', 'reports', 'ceo', 'cto', 'organisation', 'organization'])}\\b)[a-z]+`, 'g');
const MINE = /\bmine\b|\b(?:on|by|because of|down to) (?:me|us)\b|\b(?:was|were) (?:me|us)\b|\bmyself\b/g;

/** Somewhere outside quoted speech, the writer takes the act as theirs. */
function takesTheAct(reading: Reading): boolean {
  for (const m of reading.plain.matchAll(FIRST_PERSON)) {
    if (!NOT_AN_ACT.test(reading.plain.slice(m.index + m[0].length))) return true;
  }
  for (const pattern of [POSSESSIVE, MINE]) {
    for (const m of reading.plain.matchAll(pattern)) if (!negatedAt(reading, m.index)) return true;
  }
  return false;
}

const PASSIVE = /\b(?:was|were|been|being|got|is|are|be)\s+(?:[a-z]+ed|made|done|sent|run|given|taken|lost|broken|left|shown|told|written|put|set|missed|dropped|forgotten|overlooked|overspent|spent|learned|learnt|needed|shut|cut|hit)\b/;

/**
 * The words to quote: the first sentence that says what happened in the passive ("was run"), else the
 * first sentence. Long sentences are cut at a word, so the quote stays the owner's words.
 */
export function unownedSpan(reading: Reading): Span | null {
  if (takesTheAct(reading)) return null;
  const all = sentences(reading).filter((s) => reading.plain.slice(s.start, s.end).trim().replace(/[\s.!?]/g, '') !== '');
  const chosen = all.find((s) => PASSIVE.test(reading.plain.slice(s.start, s.end))) ?? all[0];
  if (!chosen) return null;
  const limit = 160;
  if (chosen.end - chosen.start <= limit) return chosen;
  const cut = reading.text.lastIndexOf(' ', chosen.start + limit);
  return { start: chosen.start, end: cut > chosen.start ? cut : chosen.start + limit };
}
