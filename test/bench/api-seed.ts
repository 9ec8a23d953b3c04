// The realistic database of the API benchmark: one program, N active pairs with profiles, health and two
// weeks of snapshots; returns an API token of one member, the plus-token of their pair, and a token of the
// program's coordinator. Pair n has the plus-token `b<n>`.
import { sql } from 'drizzle-orm';
import { issueApiToken } from '../../server/src/auth/api-tokens';
import { type Database, queryRows } from '../../server/src/db/client';

export async function seedContextDatabase(database: Database, matches: number) {
  const { db } = database;
  await db.execute(sql`insert into organisations (name, slug) values ('Bench', 'bench')`);
  await db.execute(sql`insert into programs (organisation_id, name, slug, status, address)
    select id, 'Bench', 'bench', 'running', 'bench@example.org' from organisations where slug = 'bench'`);
  await db.execute(sql`insert into users (email, name)
    select 'u' || g || s || '@example.org', 'User ' || g || s
    from generate_series(1, ${matches}) g, (values ('a'), ('b')) as sides(s)`);
  await db.execute(sql`insert into participants (program_id, user_id, career_stage, goals, skills_offered, sharing)
    select p.id, u.id, 'mid', array['public speaking', 'sql'], array['design'], '{"careerStage": true, "goals": true}'
    from users u, programs p where p.slug = 'bench'`);
  await db.execute(sql`insert into matches (program_id, status, token, started_at, health_score, health_status,
      health_reasons, explanation)
    select p.id, 'active', 'b' || g, now() - interval '40 days', 40 + g % 60, 'steady',
      '["Replies within two days"]', '["Both want to get better at public speaking"]'
    from generate_series(1, ${matches}) g, programs p where p.slug = 'bench'`);
  await db.execute(sql`insert into match_members (match_id, participant_id, user_id)
    select m.id, pa.id, u.id from matches m
    join users u on u.email in ('u' || substr(m.token, 2) || 'a@example.org', 'u' || substr(m.token, 2) || 'b@example.org')
    join participants pa on pa.user_id = u.id`);
  await db.execute(sql`insert into health_snapshots (match_id, day, score, status)
    select m.id, (current_date - d)::date, 40 + (d * 7) % 60, 'steady' from matches m, generate_series(1, 14) d`);
  await db.execute(sql`analyze`);
  const [user] = await queryRows<{ id: string }>(
    db,
    sql`select id from users where email = 'u5000a@example.org'`,
  );
  const [coordinator] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (email, name) values ('coordinator@example.org', 'Coordinator') returning id`,
  );
  await db.execute(sql`insert into program_coordinators (program_id, user_id)
    select id, ${coordinator!.id} from programs where slug = 'bench'`);
  return {
    token: (await issueApiToken(db, user!.id, 'bench')).token,
    plusToken: 'b5000',
    /** Sees every match: for asking about a different thread each time. */
    coordinatorToken: (await issueApiToken(db, coordinator!.id, 'bench')).token,
  };
}
