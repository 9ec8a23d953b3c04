// The end-of-program reflection survey: satisfaction 1–5, would-recommend 0–10 (NPS), what I learned,
// what I taught. One answer per member and match; the link is single-use.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { surveyResponses, users } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { consumeLinkToken, purposeTarget } from '../../security/link-tokens';

export interface SurveyAnswers {
  satisfaction?: number;
  recommend?: number;
  learned?: string;
  taught?: string;
}

function wholeIn(value: number | undefined, low: number, high: number, name: string): number | null {
  if (value === undefined || Number.isNaN(value)) return null;
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new PeerpostError('EBADINPUT', `${name} is a whole number from ${low} to ${high}`);
  }
  return value;
}

/** Reads form text ("" means not answered) into answers. */
export function surveyAnswersFromForm(form: Record<string, string | undefined>): SurveyAnswers {
  const number = (value: string | undefined) =>
    value === undefined || value === '' ? undefined : Number(value);
  return {
    satisfaction: number(form.satisfaction),
    recommend: number(form.recommend),
    learned: form.learned,
    taught: form.taught,
  };
}

export async function submitSurvey(
  db: Db,
  token: string,
  answers: SurveyAnswers,
  now: Date,
): Promise<boolean> {
  const satisfaction = wholeIn(answers.satisfaction, 1, 5, 'Satisfaction');
  const recommend = wholeIn(answers.recommend, 0, 10, 'Would-recommend');
  const text = (value: string | undefined) => value?.trim().slice(0, 4000) || null;
  return db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'survey', now);
    if (!link) return false;
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, link.email)));
    if (!user) return false;
    await tx
      .insert(surveyResponses)
      .values({
        matchId: purposeTarget(link.purpose),
        userId: user.id,
        satisfaction,
        recommend,
        learned: text(answers.learned),
        taught: text(answers.taught),
      })
      .onConflictDoNothing();
    return true;
  });
}
