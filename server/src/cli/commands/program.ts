// `peerpost program <create|show|status|prompts|tick> …`: program design and lifecycle from the shell.
import { eq } from 'drizzle-orm';
import { organisations, type ProgramStatus, programStatuses } from '../../db/schema';
import { listPrompts } from '../../programs/curriculum/prompt-service';
import { createProgram, findProgram, transitionProgram } from '../../programs/lifecycle/program-service';
import { runProgramTick } from '../../programs/lifecycle/program-tick';
import type { Command } from '../command';
import { UsageError } from '../command';
import { withContext } from '../runtime';

const wholeNumber = (value: unknown, name: string, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 365)
    throw new UsageError(`--${name} must be a whole number of days (1–365)`);
  return n;
};

export const programCommand: Command = {
  name: 'program',
  summary:
    'Create a program, show it, move it to its next state, list its prompts, or run the scheduler once',
  usage: [
    'program create --org <slug> --name <name> --slug <slug> [--goal <text>] [--cadence <days>]',
    '         [--check-in-every <days>] [--starts <YYYY-MM-DD>] [--ends <YYYY-MM-DD>] [--pair-size 2|3]',
    '         [--address <email>] [--relay] [--store-bodies]',
    '       peerpost program show <id|slug>',
    '       peerpost program status <id|slug> <draft|enrolling|matching|running|closing|closed>',
    '       peerpost program prompts <id|slug>',
    '       peerpost program tick',
  ].join('\n'),
  options: {
    org: { type: 'string' },
    name: { type: 'string' },
    slug: { type: 'string' },
    goal: { type: 'string' },
    cadence: { type: 'string' },
    'check-in-every': { type: 'string' },
    starts: { type: 'string' },
    ends: { type: 'string' },
    'pair-size': { type: 'string' },
    address: { type: 'string' },
    relay: { type: 'boolean' },
    'store-bodies': { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const [action, target, state] = positionals;
    return withContext(async (ctx) => {
      const db = ctx.database.db;
      switch (action) {
        case 'create': {
          if (
            typeof values.org !== 'string' ||
            typeof values.name !== 'string' ||
            typeof values.slug !== 'string'
          ) {
            throw new UsageError('create needs --org, --name and --slug');
          }
          const [org] = await db.select().from(organisations).where(eq(organisations.slug, values.org));
          if (!org) throw new UsageError(`no organisation with slug "${values.org}"`);
          const date = (value: unknown, name: string) => {
            if (value === undefined) return undefined;
            if (
              typeof value !== 'string' ||
              !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
              Number.isNaN(Date.parse(value))
            ) {
              throw new UsageError(`--${name} is a date like 2026-03-01`);
            }
            return value;
          };
          const pairSize = wholeNumber(values['pair-size'], 'pair-size', 2);
          if (pairSize !== 2 && pairSize !== 3) throw new UsageError('--pair-size is 2 or 3');
          const program = await createProgram(db, {
            organisationId: org.id,
            name: values.name,
            slug: values.slug,
            goal: typeof values.goal === 'string' ? values.goal : '',
            address: typeof values.address === 'string' ? values.address : ctx.config.mailbox.address,
            cadenceDays: wholeNumber(values.cadence, 'cadence', 14),
            checkInEveryDays: wholeNumber(values['check-in-every'], 'check-in-every', 14),
            startsOn: date(values.starts, 'starts'),
            endsOn: date(values.ends, 'ends'),
            pairSize,
            relayMode: Boolean(values.relay),
            storeBodies: Boolean(values['store-bodies']),
          });
          io.out(`Created program "${program.name}" (${program.id}), status draft.`);
          io.out(`Sign-up link: ${ctx.config.publicUrl}/join/${program.slug}`);
          return 0;
        }
        case 'show': {
          if (!target) throw new UsageError('show needs a program id or slug');
          io.out(JSON.stringify(await findProgram(db, target), null, 2));
          return 0;
        }
        case 'status': {
          if (!target || !state) throw new UsageError('status needs a program and a state');
          if (!(programStatuses as readonly string[]).includes(state))
            throw new UsageError(`unknown state "${state}"`);
          const program = await findProgram(db, target);
          const moved = await transitionProgram(db, program.id, state as ProgramStatus);
          io.out(`"${moved.name}" is now ${moved.status}.`);
          return 0;
        }
        case 'prompts': {
          if (!target) throw new UsageError('prompts needs a program id or slug');
          const program = await findProgram(db, target);
          for (const prompt of await listPrompts(db, program.id)) {
            io.out(
              `week ${String(prompt.week).padStart(2)}  ${prompt.stage.padEnd(11)} ${prompt.key}: ${prompt.title}`,
            );
          }
          return 0;
        }
        case 'tick': {
          const summary = await runProgramTick(db, new Date(), { publicUrl: ctx.config.publicUrl });
          io.out(JSON.stringify(summary));
          return 0;
        }
        default:
          throw new UsageError('choose one of create, show, status, prompts, tick');
      }
    });
  },
};
