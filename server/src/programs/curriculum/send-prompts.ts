// The tick's prompt step: for every active match, send the next curriculum prompt into its thread when
// choosePrompt says the pair would benefit.
import { eq, max } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { promptsSent } from '../../db/schema';
import { enqueueMail } from '../../mail/outbox';
import { forEachActiveMatch } from '../lifecycle/active-matches';
import type { Program } from '../lifecycle/program-service';
import { recentWritersByMatch } from '../lifecycle/recent-writers';
import { threadMail } from '../lifecycle/thread-mail';
import { promptMail } from '../mails/program-mails';
import { choosePrompt } from './prompt-choice';
import { listPrompts } from './prompt-service';

const DAY = 86_400_000;

export async function sendDuePrompts(db: Db, program: Program, now: Date): Promise<number> {
  const curriculum = await listPrompts(db, program.id);
  if (curriculum.length === 0) return 0;
  const longest = Math.max(program.cadenceDays, 1) * DAY;
  const writers = await recentWritersByMatch(db, program.id, new Date(now.getTime() - longest), now);
  return forEachActiveMatch(db, program, async ({ tx, match, members, thread }) => {
    if (!match.startedAt || members.length < 2) return false;
    const cadenceDays = match.agreedCadenceDays ?? program.cadenceDays;
    const sent = await tx.select().from(promptsSent).where(eq(promptsSent.matchId, match.id));
    const [last] = await tx
      .select({ at: max(promptsSent.sentAt) })
      .from(promptsSent)
      .where(eq(promptsSent.matchId, match.id));
    const decision = choosePrompt({
      now,
      startedAt: match.startedAt,
      cadenceDays,
      endsOn: program.endsOn ? new Date(`${program.endsOn}T23:59:59Z`) : null,
      curriculum,
      sentKeys: new Set(sent.map((row) => row.promptKey)),
      lastPromptAt: last?.at ?? null,
      recentWriters: writers.get(match.id) ?? 0,
    });
    if (!decision.send) return false;
    const mail = promptMail(program, decision.prompt);
    const queued = await enqueueMail(
      tx,
      threadMail(
        program,
        match,
        thread,
        members,
        mail,
        `prompt:${match.id}:${decision.prompt.key}`,
        'prompt',
      ),
    );
    await tx
      .insert(promptsSent)
      .values({ matchId: match.id, promptKey: decision.prompt.key, outboxJobId: queued.id, sentAt: now })
      .onConflictDoNothing();
    return true;
  });
}
