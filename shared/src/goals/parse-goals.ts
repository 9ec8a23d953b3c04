// Reads the goals a member wrote in reply to the goal-setting prompt: lines such as "Learn: …", "Offer: …"
// or "Goal: …", in English, Spanish, French, German and Portuguese. Email content is hostile: only the new
// text counts (quoted history is ignored), junk lines are dropped, lengths and counts are capped.

export const goalKinds = ['learn', 'offer'] as const;
export type GoalKind = (typeof goalKinds)[number];
export const goalStatuses = ['not_started', 'moving', 'done'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

export interface ParsedGoal {
  kind: GoalKind;
  text: string;
}

/** One to three goals per member (issue 8). */
export const maxGoalsPerMember = 3;
export const maxGoalLength = 200;

// Longest labels first so that "I want to learn:" wins over "learn:".
const labels: Array<[RegExp, GoalKind]> = [
  [
    /^(?:i want to learn|i'd like to learn|quiero aprender|je veux apprendre|ich möchte lernen|quero aprender)\s*:/i,
    'learn',
  ],
  [/^(?:i can offer|puedo ofrecer|je peux offrir|ich kann anbieten|posso oferecer)\s*:/i, 'offer'],
  [/^(?:learn|aprender|apprendre|lernen)\s*:/i, 'learn'],
  [/^(?:offer|ofrecer|offrir|anbieten|oferecer)\s*:/i, 'offer'],
  // A bare "Goal:" is something the member wants to reach: a learning goal.
  [/^(?:goals?|objetivo|objectif|ziel|meta)\s*(?:\d+\s*)?:/i, 'learn'],
];

// "On Mon, 3 Mar 2026, Ana <ana@example.org> wrote:" and its translations start the quoted history.
const quoteHeader =
  /^(?:on\b.*\bwrote|el\b.*\bescribió|le\b.*\ba écrit|am\b.*\bschrieb|em\b.*\bescreveu)\s*:?\s*$/i;
const originalMessage = /^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine)\s*-{2,}$/i;

/** The lines the member just wrote: quoted lines skipped, everything from a reply header on dropped. */
export function newLinesOf(body: string): string[] {
  const lines: string[] = [];
  const normalised = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
  for (const raw of normalised.split('\n')) {
    const line = raw.trim();
    if (quoteHeader.test(line) || originalMessage.test(line) || line === '--') break;
    if (line.startsWith('>')) continue;
    lines.push(line);
  }
  return lines;
}

/** Trims, collapses spaces and caps length; undefined for junk (no word, only a link, "n/a"). */
export function cleanGoalText(text: string): string | undefined {
  const cleaned = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[-*•]\s*/, '')
    .trim();
  if (cleaned.length < 2 || !/\p{L}{2}/u.test(cleaned)) return undefined;
  if (/^(?:https?:\/\/|www\.)\S*$/i.test(cleaned)) return undefined;
  if (/^(?:n\/?a|none|nothing|tbd|todo|ninguno|nada|rien|nichts|keine)$/i.test(cleaned)) return undefined;
  return cleaned.length > maxGoalLength ? `${cleaned.slice(0, maxGoalLength - 1).trimEnd()}…` : cleaned;
}

/** Cleans, drops duplicates (case-insensitive) and keeps the first three. */
export function normaliseGoals(goals: ParsedGoal[]): ParsedGoal[] {
  const seen = new Set<string>();
  const kept: ParsedGoal[] = [];
  for (const goal of goals) {
    const text = cleanGoalText(goal.text);
    if (!text || !goalKinds.includes(goal.kind)) continue;
    const key = `${goal.kind}:${text.toLocaleLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ kind: goal.kind, text });
    if (kept.length === maxGoalsPerMember) break;
  }
  return kept;
}

/**
 * The goals in a reply, at most three.
 * @example parseGoals('Learn: public speaking\nOffer: SQL\n\nOn Mon, Ana wrote:\n> Goal: x')
 *   // [{kind:'learn', text:'public speaking'}, {kind:'offer', text:'SQL'}]
 */
export function parseGoals(body: string): ParsedGoal[] {
  const found: ParsedGoal[] = [];
  for (const line of newLinesOf(body.slice(0, 20_000))) {
    // Every label ends in a colon: most lines of a reply have none and need no further look.
    if (!line.includes(':')) continue;
    const unbulleted = line.replace(/^(?:[-*•]|\d+[.)])\s*/, '').replace(/^\*\*?|\*\*?(?=\s*:)/g, '');
    for (const [label, kind] of labels) {
      const match = label.exec(unbulleted);
      if (match) {
        found.push({ kind, text: unbulleted.slice(match[0].length) });
        break;
      }
    }
  }
  return normaliseGoals(found);
}
