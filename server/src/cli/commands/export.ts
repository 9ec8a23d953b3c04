// Full data export of one organisation (or all) as JSON: the person-level records a coordinator owns.
import { createWriteStream } from 'node:fs';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  checkIns,
  matches,
  matchMembers,
  messages,
  organisations,
  participants,
  programs,
  users,
} from '../../db/schema';
import type { Command } from '../command';
import { withContext } from '../runtime';

export async function exportOrganisation(db: Db, slug?: string) {
  const orgs = slug
    ? await db.select().from(organisations).where(eq(organisations.slug, slug))
    : await db.select().from(organisations);
  const result = [];
  for (const org of orgs) {
    const orgPrograms = await db.select().from(programs).where(eq(programs.organisationId, org.id));
    const programIds = orgPrograms.map((program) => program.id);
    const none = ['00000000-0000-0000-0000-000000000000'];
    const ids = programIds.length ? programIds : none;
    const orgParticipants = await db.select().from(participants).where(inArray(participants.programId, ids));
    const userIds = [...new Set(orgParticipants.map((p) => p.userId))];
    const orgMatches = await db.select().from(matches).where(inArray(matches.programId, ids));
    const matchIds = orgMatches.map((m) => m.id);
    result.push({
      organisation: org,
      programs: orgPrograms,
      users: await db
        .select()
        .from(users)
        .where(inArray(users.id, userIds.length ? userIds : none)),
      participants: orgParticipants,
      matches: orgMatches,
      matchMembers: await db
        .select()
        .from(matchMembers)
        .where(inArray(matchMembers.matchId, matchIds.length ? matchIds : none)),
      messages: await db.select().from(messages).where(inArray(messages.programId, ids)),
      checkIns: await db
        .select()
        .from(checkIns)
        .where(inArray(checkIns.matchId, matchIds.length ? matchIds : none)),
    });
  }
  return { exportedAt: new Date().toISOString(), organisations: result };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export an organisation (or all) as JSON to a file or standard output',
  usage: 'export [--org <slug>] [--out <file.json>]',
  options: { org: { type: 'string' }, out: { type: 'string' } },
  async run({ values }, io) {
    return withContext(async (ctx) => {
      const data = await exportOrganisation(ctx.database.db, values.org as string | undefined);
      if (values.org && data.organisations.length === 0) {
        io.err(`No organisation with slug "${values.org}".`);
        return 1;
      }
      const json = JSON.stringify(data, null, 2);
      if (values.out) {
        await new Promise<void>((resolve, reject) => {
          const stream = createWriteStream(values.out as string);
          stream.on('error', reject);
          stream.end(json, resolve);
        });
        io.err(`Wrote ${data.organisations.length} organisation(s) to ${values.out}.`);
      } else {
        io.out(json);
      }
      return 0;
    });
  },
};
