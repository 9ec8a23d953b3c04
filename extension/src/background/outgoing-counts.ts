// The privacy switch's promise, enforced where the network is: only whole, non-negative numbers under the
// known count names go to the server, whatever a content script (running inside a web page) sent.
import type { LocalCounts } from '../adapters/local-analysis';

export function outgoingCounts(
  localAnalysis: boolean,
  counts: unknown,
): Record<keyof LocalCounts, number> | undefined {
  if (!localAnalysis || typeof counts !== 'object' || counts === null) return undefined;
  const given = counts as Record<string, unknown>;
  const clean = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
  return { questionsAsked: clean(given.questionsAsked), words: clean(given.words) };
}
