// Blame: the words put the responsibility on someone or something else. Seed 003: "Shifting responsibility
// and blaming others for something that was your responsibility will only erode trust more."
import type { Reading } from './reading';
import { anyOf, OTHER_PRONOUNS, OTHERS, type PhraseRule } from './rules';

const TELL = anyOf(['warn', 'tell', 'inform', 'remind', 'alert', 'notify', 'update', 'brief', 'flag', 'mention', 'say']);
const TOLD = anyOf(['told', 'warned', 'informed', 'reminded', 'alerted', 'notified', 'mentioned', 'said', 'flagged']);
const CATCH = anyOf(['caught', 'noticed', 'spotted', 'checked', 'tested', 'flagged', 'warned', 'told', 'stopped', 'reviewed', 'seen', 'known', 'said']);
const BAD = anyOf(['bad', 'wrong', 'incorrect', 'the wrong', 'outdated', 'misleading', 'false', 'inaccurate']);
const OTHERS_ACT = anyOf(['gave', 'sent', 'told', 'handed', 'changed', 'forgot', 'missed', "didn't", 'did not', 'never', 'failed', 'asked', 'insisted', 'made', 'kept']);
/** Words that can stand before "should have" without being its subject. */
const NOT_A_SUBJECT = anyOf(['i', 'we', 'and', 'but', 'or', 'so', 'then', 'also', 'really', 'definitely', 'clearly', 'obviously', 'probably', 'which', 'who', 'that', 'it', 'this', 'what', 'where', 'when']);
const NOT_SOMEONE_ELSE = anyOf(['i', 'we', 'nobody', 'none', 'else', 'one', 'it', 'this', 'that', 'which', 'who', 'what']);

/** "Mark gave me", "the vendor changed": someone else named as the cause, by a group word or a capital letter. */
function namesSomeoneElse(match: RegExpExecArray, reading: Reading): boolean {
  const who = match[1] ?? '';
  if (new RegExp(`^(?:${OTHERS}|${OTHER_PRONOUNS})$`).test(who)) return true;
  const at = match.indices?.[1]?.[0];
  const first = at === undefined ? '' : (reading.text[at] ?? '');
  return /\p{Lu}/u.test(first) && first !== 'I';
}

/** "The client kept changing their mind, which is why I delivered late": the sentence opens on someone else. */
function opensOnSomeoneElse(match: RegExpExecArray): boolean {
  return !/^\s*(?:i|we|my|our)\b/.test(match[1] ?? '');
}

export const BLAME_RULES: readonly PhraseRule[] = [
  // Saying it is not theirs.
  { pattern: /\b(?:isn't|wasn't|is not|was not|not|never)(?: really| entirely| all| completely| only)? (?:my|our) (?:fault|doing|responsibility|problem|call)\b/dg },
  { pattern: /\b(?:isn't|wasn't|is not|was not|not) (?:on|down to) (?:me|us)\b/dg },
  { pattern: /\b(?:nothing to do with (?:me|us)|out of (?:my|our) hands|beyond (?:my|our) control)\b/dg },
  { pattern: /\b(?:i|we) (?:couldn't|could not|can't|cannot) (?:have )?(?:done|do) (?:anything|much|more)\b|\bnothing (?:i|we) could (?:have )?do(?:ne)?\b/dg },
  // Someone else did not do their part for me.
  { pattern: new RegExp(`\\b(?:didn't|did not|never|failed to|forgot to|neglected to) ${TELL}(?:ed)? (?:me|us)\\b`, 'dg'), negatable: true },
  { pattern: new RegExp(`\\b(?:nobody|no one|no-one|none of them) (?:had |ever )?${TOLD} (?:me|us)\\b`, 'dg'), negatable: true },
  { pattern: new RegExp(`\\b(?!${NOT_A_SUBJECT}\\b)([a-z]+) should have ${CATCH}\\b`, 'dg'), negatable: true },
  { pattern: /\bshould have been (?:caught|spotted|flagged|noticed|picked up|tested|checked) by (?!(?:me|us|myself)\b)/dg, negatable: true },
  { pattern: new RegExp(`\\b(?:can't|cannot|can not|couldn't|could not) (?:rely on|trust|count on|depend on) (?:${OTHERS}|${OTHER_PRONOUNS})`, 'dg') },
  { pattern: /\b(?!(?:i|we)\b)[a-z]+ let (?:me|us) down\b/dg, negatable: true },
  // Someone else named as the cause.
  {
    pattern: new RegExp(`\\bbecause ((?:(?:the|my|our|his|her|their) )?(?!(?:i|we|of|my|me|it)\\b)[a-z]+(?: [a-z]+)?) ${OTHERS_ACT}\\b`, 'dg'),
    negatable: true,
    accept: namesSomeoneElse,
  },
  { pattern: /\bif (?!(?:i|we)\b)[^,.;:!?]{1,60}? had(?:n't| not)? [^,.;:!?]{1,60}?, (?:i|we) (?:wouldn't|would not|would never|would have|could have)\b/dg },
  { pattern: new RegExp(`\\b(?:i|we) (?:was|were) (?:${anyOf(['given', 'told', 'sent', 'handed', 'shown'])}) ${BAD}\\b|\\b(?:was|were) (?:misinformed|misled)\\b`, 'dg') },
  { pattern: /(?:^|[.!?]\s*)([^.!?]{3,160}?,? (?:which|that) ?(?:is|'s|was) why (?:i|we))\b/dg, group: 1, accept: opensOnSomeoneElse },
  // The fault placed elsewhere.
  { pattern: /\banyone (?:else )?(?:would|could) have (?:done|made)(?: the same)?(?: mistake)?/dg },
  { pattern: /\b(?:the )?(?:process|system|tooling|tools|rota|setup|requirements?) (?:is|was|are|were) (?:broken|to blame|at fault|the (?:real )?problem|wrong)\b/dg, negatable: true },
  {
    pattern: new RegExp(`(?<!\\b(?:nobody|no one|no-one|none) )\\b(?!${NOT_SOMEONE_ELSE}\\b)([a-z]+) (?:is|are|was|were) (?:to blame|at fault)\\b`, 'dg'),
    negatable: true,
  },
  { pattern: /\bthe (?:fault|blame|responsibility) (?:lies|lay|is|was|rests|sits) with (?!(?:me|us)\b)/dg, negatable: true },
  { pattern: /\b(?:their|his|her|your|(?!(?:it|that|what|there|here|who|one)')[a-z]+'s) fault\b/dg, negatable: true },
  { pattern: new RegExp(`\\b(?:slip|mistake|error|oversight|failure|miss|fault)s? (?:by|from|of|on the part of) (?:${OTHERS}|them|him|her|others)`, 'dg') },
  { pattern: new RegExp(`\\b(?:caused|made|done) by (?:${OTHERS}|them|him|her|others)`, 'dg'), negatable: true },
];
