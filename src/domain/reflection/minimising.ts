// Minimising: the words make the mistake, or what it cost, sound smaller than it was. Seed 003 asks the owner
// to show the problem "is deeply bothersome" to them; a mistake talked down says the opposite.
import { anyOf, type PhraseRule } from './rules';

const SMALL = anyOf(['small', 'little', 'minor', 'tiny', 'slight', 'simple', 'silly', 'honest', 'harmless', 'trivial', 'teeny', 'innocent']);
const SLIP = anyOf([
  'slips?', 'mistakes?', 'errors?', 'typos?', 'glitch(?:es)?', 'hiccups?', 'oversights?', 'bugs?', 'blips?', 'issues?', 'lapses?',
  'missteps?', 'mix-ups?', 'mixups?', 'things?', 'problems?',
]);
const FEW = anyOf(['few', 'couple', 'handful', 'little', 'bit', 'day', 'minute', 'second', 'moment', 'small', 'tiny']);
const JUST_A = anyOf(['few', 'couple', 'handful', 'little', 'bit', 'small', 'tiny']);
const NUMBER = anyOf(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', '\\d+', 'some', 'several', '[a-z]+-(?:minute|second|hour|day)s?']);
const OFF = anyOf(['late', 'off', 'behind', 'wrong', 'early', 'over', 'short', 'out', 'delayed', 'slow', 'confusing', 'careless', 'messy', 'rushed', 'sloppy']);

export const MINIMISING_RULES: readonly PhraseRule[] = [
  // The mistake called small.
  { pattern: new RegExp(`\\b(?:(?:just|only|merely) )?(?:a |an |one )?${SMALL}(?:,? (?:little|small|minor|tiny))? ${SLIP}\\b`, 'dg'), negatable: true },
  { pattern: new RegExp(`\\bjust (?:a|an|one) ${SLIP}\\b`, 'dg'), negatable: true },
  // What it cost, counted small. "The only person", "the only one" are not counts.
  { pattern: new RegExp(`(?<!\\b(?:the|my|our|not) )\\b(?:only|merely)(?: by)?(?: a| an)? (?:${FEW}|${NUMBER})\\b`, 'dg'), negatable: true },
  { pattern: new RegExp(`\\bjust (?:a|an) ${JUST_A}\\b`, 'dg'), negatable: true },
  { pattern: new RegExp(`\\b(?:a (?:bit|little|touch|tad)|slightly|somewhat) ${OFF}\\b`, 'dg'), negatable: true },
  { pattern: /\bnothing (?:too |very |that |really )?(?:serious|major|big|dramatic|important|significant|terrible)\b/dg, negatable: true },
  { pattern: /\b(?:not|no|isn't|wasn't|never) (?:really |that |such |too )?(?:a |an )?(?:big|huge|major|real) (?:deal|problem|issue|thing)\b/dg },
  { pattern: /\b(?:make|making|made) (?:a |such a )?(?:big )?(?:deal|fuss|drama) (?:of|about|out of)\b/dg },
  { pattern: /\b(?:that's|that is|that was) all(?=\s*(?:[.!?]|$))/dg },
  { pattern: /\b(?:nobody|no one|no-one) (?:even |really )?noticed\b/dg, negatable: true },
  { pattern: /\b(?:don't|doesn't|didn't|do not|does not|did not|won't) (?:really|much|actually) matter\b/dg },
  { pattern: /\bmerely\b|\bin the grand scheme of things\b/dg, negatable: true },
  // The mistake called ordinary.
  {
    pattern: /\b(?:it|this|that) happens to (?:everyone|everybody|all of us|the best of us|anyone|us all)\b|\b(?:these|such) things happen\b|\bmistakes happen\b|\b(?:everyone|everybody|we all) makes? mistakes\b|\bnobody's perfect\b/dg,
    negatable: true,
  },
];
