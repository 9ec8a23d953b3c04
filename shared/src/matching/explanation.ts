// Why a pair or group was matched, in plain words: the reasons that contributed most, strongest first.
import { type PairTerms, type PreparedProfile, pairTerms } from './compatibility';
import type { MatchingWeights } from './weights';

const firstName = (person: PreparedProfile) =>
  person.profile.name.trim().split(/\s+/)[0] || person.profile.email;

/** First names, or full names when the two share a first name. */
function namesOf(a: PreparedProfile, b: PreparedProfile): [string, string] {
  const [x, y] = [firstName(a), firstName(b)];
  return x === y
    ? [a.profile.name.trim() || a.profile.email, b.profile.name.trim() || b.profile.email]
    : [x, y];
}

function listWords(items: readonly string[], limit = 3): string {
  const shown = items.slice(0, limit);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * Candidate reasons with their weighted contribution. In a group of three a reason about one of its pairs
 * names that pair ("Ana and Ben are both mid-career"), since "both" alone would not say which two.
 */
function reasonsOf(
  a: PreparedProfile,
  b: PreparedProfile,
  terms: PairTerms,
  weights: MatchingWeights,
  inGroup = false,
) {
  const reasons: { weight: number; text: string }[] = [];
  const [nameA, nameB] = namesOf(a, b);
  const pair = `${nameA} and ${nameB}`;
  const add = (weight: number, text: string) => {
    if (weight > 0) reasons.push({ weight, text });
  };
  add(
    weights.careerStage * terms.stage,
    terms.stage === 1
      ? `${inGroup ? `${pair} are ` : ''}both ${a.profile.careerStage.trim()}`
      : `${nameA} is ${a.profile.careerStage.trim()}, ${nameB} ${b.profile.careerStage.trim()}`,
  );
  // The skills term is split across its two directions so each can stand as its own reason.
  const half = (weights.skills * terms.skills) / 2;
  if (terms.teaches.length) {
    add(half + 0.01, `${nameA} can teach ${listWords(terms.teaches)}, which ${nameB} wants`);
  }
  if (terms.learns.length) {
    add(half, `${nameB} can teach ${listWords(terms.learns)}, which ${nameA} wants`);
  }
  if (terms.sharedGoals.length) {
    const goals = listWords(terms.sharedGoals);
    add(weights.goals * terms.goals, inGroup ? `${pair} share goals: ${goals}` : `shared goals: ${goals}`);
  }
  const hours = Math.round(terms.sharedHours * 2) / 2;
  add(weights.timeZone * terms.timeZone, `${hours} h of shared working hours${inGroup ? ` (${pair})` : ''}`);
  add(
    weights.differentTeam * terms.differentTeam,
    `${inGroup ? `${pair} are ` : ''}from different teams (${a.profile.team} and ${b.profile.team})`,
  );
  if (terms.sharedLanguages.length) {
    add(0.001, `${inGroup ? `${pair} ` : ''}both speak ${listWords(terms.sharedLanguages)}`);
  }
  return reasons;
}

/** Up to `limit` reasons for a pair, strongest first; empty when the pair is not allowed. */
export function explainPair(
  a: PreparedProfile,
  b: PreparedProfile,
  weights: MatchingWeights,
  reference: Date,
  limit = 4,
): string[] {
  const terms = pairTerms(a, b, weights, reference);
  if (!terms) return [];
  return reasonsOf(a, b, terms, weights)
    .sort((x, y) => y.weight - x.weight)
    .slice(0, limit)
    .map((reason) => reason.text);
}

/** Reasons for a group: the strongest reasons of each pair within it, without repeats. */
export function explainGroup(
  members: readonly PreparedProfile[],
  weights: MatchingWeights,
  reference: Date,
  limit = 5,
): string[] {
  if (members.length === 2) return explainPair(members[0]!, members[1]!, weights, reference, limit);
  const all: { weight: number; text: string }[] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const terms = pairTerms(members[i]!, members[j]!, weights, reference);
      if (terms) all.push(...reasonsOf(members[i]!, members[j]!, terms, weights, true));
    }
  }
  const seen = new Set<string>();
  return all
    .sort((x, y) => y.weight - x.weight)
    .filter((reason) => !seen.has(reason.text) && seen.add(reason.text))
    .slice(0, limit)
    .map((reason) => reason.text);
}
