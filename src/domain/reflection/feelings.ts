// Feelings: the words tell the people affected how they feel, or should feel, or make the apology depend on
// whether they were hurt. Seed 000: "under no circumstances do you get to tell someone how to feel".
import { clauseBefore, type Reading } from './reading';
import { anyOf, type PhraseRule } from './rules';

const APOLOGY = anyOf(['sorry', 'apologise', 'apologize', 'apologies', 'apology']);
const ANYONE = anyOf(['anyone', 'anybody', 'everyone', 'those', 'whoever', 'people']);
const UPSET = anyOf(['upset', 'offended', 'hurt', 'bothered', 'inconvenienced', 'affected', 'annoyed', 'angry', 'worried', 'concerned', 'alarmed', 'harmed']);
const NOBODY = anyOf(['nobody', 'no one', 'no-one', 'none of them']);
const FINE = anyOf(['mind', 'minded', 'minds', 'understand', 'understood', 'understands', 'fine', 'ok', 'okay', 'over it', 'forgive', 'forgave', 'forgiven', 'care', 'cared', 'bothered', 'upset', 'happy']);
const GET_OVER_IT = anyOf(['be over it', 'get over it', 'have moved on', 'move on', 'be fine', 'let it go', 'forgive me', 'forgive and forget', 'forget about it', 'calm down', 'cheer up', 'relax']);
const MUST = anyOf(['should', "shouldn't", 'should not', 'needs? to', 'ha(?:s|ve) to', 'must', 'ought to', 'can', 'will']);

/**
 * A directive only when someone other than the writer is its subject, in the two words before it: "I have to
 * move on" and "I will have to move on" are the writer's own.
 */
const notTheWriter = (match: RegExpExecArray, reading: Reading) => !/\b(?:i|we)(?:'ll|'d)?\s+(?:[a-z']+\s+)?$/.test(clauseBefore(reading, match.index));

/** "Don't worry", said to the reader, at the start of its clause. */
const startsItsClause = (match: RegExpExecArray, reading: Reading) => /^\s*(?:please\s*)?$/.test(clauseBefore(reading, match.index));

export const FEELINGS_RULES: readonly PhraseRule[] = [
  // An apology that depends on whether they were hurt.
  { pattern: new RegExp(`\\b${APOLOGY}(?: for any (?:upset|offence|offense|hurt|distress|inconvenience)[a-z ]{0,30}?)?,? if\\b`, 'dg') },
  { pattern: new RegExp(`\\b${APOLOGY} to ${ANYONE} (?:who|that) (?:felt|feels|was|were|got|took|found|may have|might have)\\b`, 'dg') },
  { pattern: new RegExp(`\\b${APOLOGY} (?:for any (?:upset|offence|offense|hurt|distress|inconvenience))`, 'dg') },
  { pattern: /\bsorry (?:that )?you (?:feel|felt)\b/dg },
  { pattern: new RegExp(`\\bif (?:anyone|anybody|you|people|someone|they) (?:was|were|felt|feel|got|took|found)(?: [a-z]+)? (?:${UPSET}|it personally)\\b`, 'dg') },
  // Saying how they feel, or that they were not hurt.
  { pattern: /\bno (?:real |lasting |actual |great )?harm (?:was )?(?:done|caused)\b|\bno harm,? no foul\b/dg, negatable: true },
  { pattern: new RegExp(`\\b${NOBODY} (?:was|were|got|has been|had been|is|felt) (?:really |actually |seriously |too )?(?:${UPSET}|worse off)\\b`, 'dg'), negatable: true },
  { pattern: new RegExp(`\\b${NOBODY} (?:really |even |actually )?(?:minded|cared|cares|minds|was bothered)\\b`, 'dg'), negatable: true },
  {
    pattern: new RegExp(`\\b(?:i'm|i am) (?:sure|certain|confident) (?:that )?(?:nobody|no one|everyone|everybody|they|people|the team|you|he|she)(?: [a-z']+){0,3} ${FINE}\\b`, 'dg'),
    negatable: true,
  },
  // Telling them how to feel.
  { pattern: new RegExp(`\\bno (?:need|reason) (?:for [a-z]+ )?to (?:be|feel|get) ${UPSET}\\b`, 'dg') },
  {
    pattern: new RegExp(`\\b(?:should|shouldn't|should not|needs? to|ha(?:s|ve) to|must|ought to)(?: not| stop)? (?:take|taking) (?:it|this|that|these things|things|everything)(?: so| too)? personally\\b`, 'dg'),
    accept: notTheWriter,
  },
  { pattern: new RegExp(`\\b${MUST} ${GET_OVER_IT}\\b`, 'dg'), accept: notTheWriter },
  {
    pattern: /\bi hope (?:everyone|everybody|people|they|you|the team|all of you|we all|we can all)(?: [a-z']+){0,2}? (?:move on|get over|put (?:it|this) behind|forgive|forget|be fine|be ok|understand|see the funny side)/dg,
  },
  { pattern: /\b(?:let's|let us) (?:just )?(?:move on|put (?:it|this) behind us|forget (?:about )?(?:it|this))\b/dg },
  { pattern: /\b(?:don't|do not|try not to) (?:worry|be upset|take it personally|be offended|be angry|panic)\b/dg, accept: startsItsClause },
  { pattern: /\b(?:calm down|cheer up)\b/dg },
];
