// Which prompt (if any) a match should get now. Pure: the tick gathers the facts, this decides.
// A prompt helps a pair that is not already talking: when at least two members wrote in the last
// cadence period the pair is active and no prompt is sent that period.
import type { ProgramPrompt } from './prompt-service';

const DAY = 86_400_000;

export interface PromptFacts {
  now: Date;
  startedAt: Date;
  cadenceDays: number;
  /** The program's last day, if it has one: the wrap-up prompt goes out in the last cadence period. */
  endsOn: Date | null;
  curriculum: ProgramPrompt[];
  sentKeys: Set<string>;
  lastPromptAt: Date | null;
  /** Distinct members who wrote (not auto-replies or bounces) within the last cadence period. */
  recentWriters: number;
}

export type PromptDecision =
  | { send: true; prompt: ProgramPrompt }
  | { send: false; reason: 'too-soon' | 'pair-active' | 'nothing-due' };

export function choosePrompt(facts: PromptFacts): PromptDecision {
  const cadenceMs = facts.cadenceDays * DAY;
  const since = facts.now.getTime() - (facts.lastPromptAt ?? facts.startedAt).getTime();
  if (since < cadenceMs) return { send: false, reason: 'too-soon' };
  const unsent = facts.curriculum.filter((prompt) => !facts.sentKeys.has(prompt.key));
  const windingDown = facts.endsOn !== null && facts.endsOn.getTime() - facts.now.getTime() <= cadenceMs;
  const week = Math.floor((facts.now.getTime() - facts.startedAt.getTime()) / (7 * DAY));
  const due = windingDown
    ? unsent.find((prompt) => prompt.stage === 'wrap-up')
    : unsent.find((prompt) => prompt.stage !== 'wrap-up' && prompt.week <= week);
  if (!due) return { send: false, reason: 'nothing-due' };
  // The wrap-up goes out even to active pairs: it is about ending well, not about restarting talk.
  if (facts.recentWriters >= 2 && due.stage !== 'wrap-up') return { send: false, reason: 'pair-active' };
  return { send: true, prompt: due };
}
