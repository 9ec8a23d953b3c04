// A program's editable prompt curriculum (the prompts table, seeded from the built-in library when the
// program is created). Coordinators list, edit, add and remove prompts through these functions.
import { promptStages } from '@peerpost/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { prompts } from '../../db/schema';
import { PeerpostError } from '../../errors';

export type ProgramPrompt = typeof prompts.$inferSelect;

export interface PromptChange {
  stage?: string;
  week?: number;
  title?: string;
  body?: string;
}

export function listPrompts(db: Db | Tx, programId: string): Promise<ProgramPrompt[]> {
  return db
    .select()
    .from(prompts)
    .where(eq(prompts.programId, programId))
    .orderBy(asc(prompts.week), asc(prompts.key));
}

function checkChange(change: PromptChange) {
  if (change.stage !== undefined && !(promptStages as readonly string[]).includes(change.stage)) {
    throw new PeerpostError('EBADINPUT', `A prompt stage is one of ${promptStages.join(', ')}`);
  }
  if (change.week !== undefined && (!Number.isInteger(change.week) || change.week < 0 || change.week > 520)) {
    throw new PeerpostError('EBADINPUT', 'A prompt week is a whole number from 0 to 520');
  }
  if (change.title !== undefined && (change.title.trim() === '' || change.title.length > 200)) {
    throw new PeerpostError('EBADINPUT', 'A prompt title has 1 to 200 characters');
  }
  if (change.body !== undefined && (change.body.trim() === '' || change.body.length > 4000)) {
    throw new PeerpostError('EBADINPUT', 'A prompt body has 1 to 4000 characters');
  }
}

export async function updatePrompt(
  db: Db | Tx,
  programId: string,
  key: string,
  change: PromptChange,
): Promise<ProgramPrompt> {
  checkChange(change);
  const [updated] = await db
    .update(prompts)
    .set(change)
    .where(and(eq(prompts.programId, programId), eq(prompts.key, key)))
    .returning();
  if (!updated) throw new PeerpostError('ENOTFOUND', `No prompt "${key}" in this program`);
  return updated;
}

export async function addPrompt(
  db: Db | Tx,
  programId: string,
  prompt: Required<PromptChange> & { key: string },
): Promise<ProgramPrompt> {
  checkChange(prompt);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(prompt.key)) {
    throw new PeerpostError('EBADINPUT', 'A prompt key is lower-case letters, digits and dashes');
  }
  const [added] = await db
    .insert(prompts)
    .values({ ...prompt, programId })
    .onConflictDoNothing()
    .returning();
  if (!added) throw new PeerpostError('ECONFLICT', `The program already has a prompt "${prompt.key}"`);
  return added;
}

export async function removePrompt(db: Db | Tx, programId: string, key: string): Promise<void> {
  const removed = await db
    .delete(prompts)
    .where(and(eq(prompts.programId, programId), eq(prompts.key, key)))
    .returning({ key: prompts.key });
  if (removed.length === 0) throw new PeerpostError('ENOTFOUND', `No prompt "${key}" in this program`);
}
