// The one state machine of a program: draft → enrolling → matching → running → closing → closed.
// Going back from matching to enrolling (to add late sign-ups) is the only step backwards.
import type { ProgramStatus } from '../../db/schema';
import { PeerpostError } from '../../errors';

export const programTransitions: Readonly<Record<ProgramStatus, readonly ProgramStatus[]>> = {
  draft: ['enrolling'],
  enrolling: ['matching'],
  matching: ['enrolling', 'running'],
  running: ['closing'],
  closing: ['closed'],
  closed: [],
};

export function canTransition(from: ProgramStatus, to: ProgramStatus): boolean {
  return programTransitions[from].includes(to);
}

export function assertTransition(from: ProgramStatus, to: ProgramStatus): void {
  if (!canTransition(from, to)) {
    const allowed = programTransitions[from];
    throw new PeerpostError(
      'ECONFLICT',
      `A program cannot move from ${from} to ${to}${allowed.length ? ` (next: ${allowed.join(' or ')})` : ''}`,
      { from, to },
    );
  }
}
