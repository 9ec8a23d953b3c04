// `peerpost match <propose|show|pin|block|swap|unmatch|rematch|approve> <program> …`: the coordinator's
// matching review from the shell. Every action prints the proposal table and totals afterwards.
import type { Db } from '../../db/client';
import { findProgram } from '../../programs/lifecycle/program-service';
import { approveProposal } from '../../programs/matching/approve';
import { proposeMatches } from '../../programs/matching/proposal';
import { type ProposalView, viewProposal } from '../../programs/matching/proposal-view';
import {
  blockPair,
  findParticipant,
  pinPair,
  rematchPerson,
  swapMembers,
  unmatch,
} from '../../programs/matching/review';
import type { Command, CommandIo } from '../command';
import { UsageError } from '../command';
import { withContext } from '../runtime';

export function proposalTable(view: ProposalView): string[] {
  const rows = view.matches.map((match, i) => [
    String(i + 1),
    match.score.toFixed(3),
    match.pinned ? 'pinned' : '',
    match.members.map((member) => `${member.name} <${member.email}>`).join(' + '),
    match.explanation.join('; '),
  ]);
  const header = ['#', 'score', 'pin', 'members', 'why'];
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const { totals } = view;
  return [
    line(header),
    ...rows.map(line),
    ...(view.unmatched.length
      ? ['', `Unmatched: ${view.unmatched.map((person) => `${person.name} <${person.email}>`).join(', ')}`]
      : []),
    '',
    `Totals: ${totals.matches} matches, ${totals.people} people, ${totals.unmatched} unmatched, total score ${totals.totalScore.toFixed(3)}, mean ${totals.meanScore.toFixed(3)}`,
  ];
}

async function printProposal(db: Db, programId: string, io: CommandIo) {
  for (const line of proposalTable(await viewProposal(db, programId))) io.out(line);
}

function needs(values: (string | undefined)[], count: number, usage: string): string[] {
  const given = values.filter((value): value is string => Boolean(value));
  if (given.length < count) throw new UsageError(usage);
  return given;
}

export const matchCommand: Command = {
  name: 'match',
  summary: 'Propose matches, review them (pin, block, swap, unmatch, rematch) and approve them',
  usage: [
    'match propose <program>            solve and print the proposal table and totals',
    '       peerpost match show <program>               print the current proposal',
    '       peerpost match pin <program> <person> <person>     keep two people together',
    '       peerpost match block <program> <person> <person>   never match two people',
    '       peerpost match swap <program> <person> <person>    exchange two people between their matches',
    '       peerpost match unmatch <program> <match-number>    dissolve one proposed match',
    '       peerpost match rematch <program> <person>          give one person a different partner',
    '       peerpost match approve <program>            approve the proposal and queue the intro mails',
    '  <person> is an email address or participant id; <match-number> is the # column of the table.',
  ].join('\n'),
  allowPositionals: true,
  async run({ positionals }, io) {
    const [action, target, first, second] = positionals;
    if (!action || !target) throw new UsageError('match needs an action and a program');
    return withContext(async (ctx) => {
      const db = ctx.database.db;
      const program = await findProgram(db, target);
      const person = (value: string) => findParticipant(db, program.id, value);
      switch (action) {
        case 'propose': {
          const round = await proposeMatches(db, program.id);
          io.out(
            `Proposed ${round.matchIds.length} matches from a ${round.graph.sparse ? 'sparse' : 'full'} graph of ${round.graph.vertices} people and ${round.graph.edges} candidate pairs.`,
          );
          break;
        }
        case 'show':
          break;
        case 'pin':
        case 'block':
        case 'swap': {
          const [a = '', b = ''] = needs([first, second], 2, `${action} needs two people`);
          const [pa, pb] = [await person(a), await person(b)];
          if (action === 'pin') await pinPair(db, program.id, pa, pb);
          else if (action === 'block') await blockPair(db, program.id, pa, pb);
          else await swapMembers(db, program.id, pa, pb);
          break;
        }
        case 'unmatch': {
          const [number = ''] = needs([first], 1, 'unmatch needs a match number from the table');
          const view = await viewProposal(db, program.id);
          const match = view.matches[Number(number) - 1];
          if (!match) throw new UsageError(`There is no match #${number} (1–${view.matches.length})`);
          await unmatch(db, program.id, match.id);
          break;
        }
        case 'rematch': {
          const [who = ''] = needs([first], 1, 'rematch needs a person');
          await rematchPerson(db, program.id, await person(who));
          break;
        }
        case 'approve': {
          const ids = await approveProposal(db, program.id);
          io.out(`Approved ${ids.length} matches; intro mails are queued.`);
          return 0;
        }
        default:
          throw new UsageError(`unknown action "${action}"`);
      }
      await printProposal(db, program.id, io);
      return 0;
    });
  },
};
