// People grouped by what the requirements look at (career stage, languages), so candidate search only
// visits people a requirement does not rule out: in a program where stage and language are required,
// most pairs are not allowed, and scoring them is most of the cost of a large candidate graph.
import { type CompiledProfiles, type IdRuns, stageDistance } from './pair-scorer';
import type { MatchingWeights } from './weights';

export interface CandidateBuckets {
  /** The bucket of each person. */
  bucketOf: Int32Array;
  /** Each bucket's people, in the order of `order` (see candidateBuckets). */
  members: IdRuns;
  /** Each bucket's compatible buckets (itself included when allowed), same stage first, then by index. */
  compatible: IdRuns;
}

/** CSR runs from lists. */
function runsOf(lists: readonly (readonly number[])[]): IdRuns {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, b) => {
    start[b + 1] = start[b]! + list.length;
  });
  const ids = new Int32Array(start[lists.length]!);
  lists.forEach((list, b) => {
    ids.set(list, start[b]!);
  });
  return { start, ids };
}

const idsOf = ({ start, ids }: IdRuns, i: number) => ids.subarray(start[i]!, start[i + 1]!);

/**
 * Above this many different language lists, buckets are not split by language (the scorer still
 * requires a common language): a bucket per combination of many languages would make the buckets
 * many and small, and visiting them would cost more than it saves.
 */
const MAX_LANGUAGE_SETS = 64;

const sharesOne = (a: Int32Array, b: Int32Array) => a.some((id) => b.includes(id));

/**
 * Buckets of people who look alike to the requirements: same stage when adjacent stages are required,
 * same languages when a common language is. Two buckets are compatible when their people pass both
 * requirements (the scorer still checks every pair, so this only decides whom to visit). Members are
 * listed in `order` (e.g. by time of day), which candidate search uses to find near neighbours.
 */
export function candidateBuckets(
  profiles: CompiledProfiles,
  weights: MatchingWeights,
  order: Int32Array,
): CandidateBuckets {
  const byStage = weights.requireAdjacentStage > 0;
  const languageKey = (i: number) => idsOf(profiles.languages, i).join(',');
  const languageSets = new Set<string>();
  if (weights.requireLanguage > 0) for (const i of order) languageSets.add(languageKey(i));
  const byLanguage = weights.requireLanguage > 0 && languageSets.size <= MAX_LANGUAGE_SETS;
  const keyed = new Map<string, number>();
  const bucketOf = new Int32Array(profiles.count);
  const lists: number[][] = [];
  const first: number[] = []; // one member per bucket, standing for all of them
  for (const i of order) {
    const key = `${byStage ? profiles.stage[i] : -1}|${byLanguage ? languageKey(i) : ''}`;
    let bucket = keyed.get(key);
    if (bucket === undefined) {
      bucket = lists.length;
      keyed.set(key, bucket);
      lists.push([]);
      first.push(i);
    }
    bucketOf[i] = bucket;
    lists[bucket]!.push(i);
  }
  // Buckets by stage and by rung on the career ladder, so a bucket looks only at buckets of its own
  // and the adjacent stages, not at every bucket (free-text stages can make many).
  const byKey = new Map<string, number[]>();
  const add = (key: string, bucket: number) => {
    const list = byKey.get(key);
    if (list) list.push(bucket);
    else byKey.set(key, [bucket]);
  };
  first.forEach((person, bucket) => {
    add(`stage:${byStage ? profiles.stage[person] : -1}`, bucket);
    if (byStage && profiles.rung[person]! >= 0) add(`rung:${profiles.rung[person]}`, bucket);
  });
  const seen = new Int32Array(first.length).fill(-1);
  const compatible = first.map((person, bucket) => {
    const rung = profiles.rung[person]!;
    const keys = [`stage:${byStage ? profiles.stage[person] : -1}`];
    if (byStage && rung >= 0) keys.push(`rung:${rung - 1}`, `rung:${rung + 1}`);
    const languages = idsOf(profiles.languages, person);
    const found: number[] = [];
    for (const key of keys) {
      for (const other of byKey.get(key) ?? []) {
        if (seen[other] === bucket) continue;
        seen[other] = bucket;
        const theirs = idsOf(profiles.languages, first[other]!);
        if (byLanguage && languages.length && theirs.length && !sharesOne(languages, theirs)) continue;
        // Same stage first: those candidates score higher, so they get the larger budget.
        found.push(stageDistance(profiles, person, first[other]!) * first.length + other);
      }
    }
    return found.sort((x, y) => x - y).map((entry) => entry % first.length);
  });
  return { bucketOf, members: runsOf(lists), compatible: runsOf(compatible) };
}
