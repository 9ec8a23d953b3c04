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
  const byLanguage = weights.requireLanguage > 0;
  const keyed = new Map<string, number>();
  const bucketOf = new Int32Array(profiles.count);
  const lists: number[][] = [];
  const first: number[] = []; // one member per bucket, standing for all of them
  for (const i of order) {
    const stage = byStage ? profiles.stage[i] : -1;
    const languages = byLanguage ? idsOf(profiles.languages, i).join(',') : '';
    const key = `${stage}|${languages}`;
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
  // Buckets by language, so a bucket looks only at buckets it shares a language with (and those of
  // people who list none), not at every bucket.
  const withLanguage = new Map<number, number[]>();
  const withoutLanguage: number[] = [];
  first.forEach((person, bucket) => {
    const languages = idsOf(profiles.languages, person);
    if (!byLanguage || languages.length === 0) withoutLanguage.push(bucket);
    else {
      for (const language of languages) {
        const list = withLanguage.get(language);
        if (list) list.push(bucket);
        else withLanguage.set(language, [bucket]);
      }
    }
  });
  const all = first.map((_, bucket) => bucket);
  const seen = new Int32Array(first.length).fill(-1);
  const compatible = first.map((person, bucket) => {
    const languages = idsOf(profiles.languages, person);
    const reachable =
      byLanguage && languages.length > 0
        ? [withoutLanguage, ...[...languages].map((language) => withLanguage.get(language)!)]
        : [all];
    const found: number[] = [];
    for (const list of reachable) {
      for (const other of list) {
        if (seen[other] === bucket) continue;
        seen[other] = bucket;
        const distance = stageDistance(profiles, person, first[other]!);
        if (byStage && distance > 1) continue;
        // Same stage first: those candidates score higher, so they are searched with wider windows.
        found.push(distance * first.length + other);
      }
    }
    return found.sort((x, y) => x - y).map((entry) => entry % first.length);
  });
  return { bucketOf, members: runsOf(lists), compatible: runsOf(compatible) };
}
