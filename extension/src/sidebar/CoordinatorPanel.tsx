// For a coordinator: members' responsiveness, the match's history and quick actions (nudge, note, flag).
import type { ContextResponse } from '@peerpost/shared/api/context';
import { useState } from 'react';
import type { CoordinatorAction } from '../messaging/protocol';
import { MatchHistory } from './MatchHistory';
import type { SidebarActions } from './state';

const actionLabels: Record<CoordinatorAction, string> = {
  nudge: 'Send a nudge',
  note: 'Save note',
  flag: 'Flag for follow-up',
};

export function CoordinatorPanel({
  context,
  actions,
}: {
  context: ContextResponse;
  actions: SidebarActions;
}) {
  const coordinator = context.coordinator;
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  if (!coordinator) return null;
  const run = async (action: CoordinatorAction) => {
    const result = await actions.coordinatorAction(
      context.match.id,
      action,
      action === 'note' ? note : undefined,
    );
    setStatus(result.ok ? `${actionLabels[action]}: done.` : result.message);
    if (result.ok && action === 'note') setNote('');
  };
  return (
    <>
      <section aria-labelledby="pp-coordinator" className="card">
        <h3 id="pp-coordinator">Members</h3>
        <ul className="members">
          {coordinator.members.map((member) => (
            <li key={member.email}>
              {member.name}:{' '}
              {member.medianReplyHours === null
                ? 'no replies yet'
                : `replies in ~${Math.round(member.medianReplyHours)} h`}
            </li>
          ))}
        </ul>
        <div className="actions">
          {coordinator.actions.includes('nudge') && (
            <button type="button" onClick={() => run('nudge')}>
              {actionLabels.nudge}
            </button>
          )}
          {coordinator.actions.includes('flag') && (
            <button type="button" onClick={() => run('flag')}>
              {actionLabels.flag}
            </button>
          )}
        </div>
        {coordinator.actions.includes('note') && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (note.trim()) void run('note');
            }}
          >
            <label>
              Note
              <textarea
                value={note}
                maxLength={2000}
                onChange={(event) => setNote(event.target.value)}
                rows={2}
              />
            </label>
            <button type="submit">{actionLabels.note}</button>
          </form>
        )}
        <button type="button" className="link" onClick={() => void actions.openDashboard(context.match.id)}>
          Open the dashboard
        </button>
        <p className="muted" role="status">
          {status}
        </p>
      </section>
      <MatchHistory matchId={context.match.id} actions={actions} />
    </>
  );
}
