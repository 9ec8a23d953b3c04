// Shared goals: the caller's own (editable, with one-click progress) and the partner's (read only).
import type { MemberGoals } from '@peerpost/shared/api/partnership';
import { useState } from 'react';
import type { SidebarActions } from './state';
import { usePartnershipAction } from './use-partnership-action';

const statuses = [
  ['not_started', 'Not started'],
  ['moving', 'Moving'],
  ['done', 'Done'],
] as const;
const kindLabel = { learn: 'Learn', offer: 'Offer' } as const;
export const MAX_GOALS = 3;

export function GoalsCard(props: { matchId: string; members: MemberGoals[]; actions: SidebarActions }) {
  const { matchId, members } = props;
  const { busy, error, run } = usePartnershipAction(props.actions);
  const [draft, setDraft] = useState<{ kind: 'learn' | 'offer'; text: string }>({ kind: 'learn', text: '' });
  const mine = members.find((m) => m.isCaller);
  const others = members.filter((m) => !m.isCaller);
  return (
    <section aria-labelledby="pp-goals" className="card" data-testid="goals">
      <h3 id="pp-goals">Goals</h3>
      {mine && (
        <div>
          <h4>Yours</h4>
          {mine.goals.length === 0 && (
            <p className="muted">Add one to three: what you want to learn, what you can offer.</p>
          )}
          <ul>
            {mine.goals.map((goal) => (
              <li key={goal.id} data-goal-id={goal.id}>
                {kindLabel[goal.kind]}: {goal.text}
                <span className="goal-status">
                  {statuses.map(([status, label]) => (
                    <button
                      type="button"
                      key={status}
                      aria-pressed={goal.status === status}
                      disabled={busy || goal.status === status}
                      onClick={() => run({ kind: 'goal-progress', goalId: goal.id, status })}
                    >
                      {label}
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ul>
          {mine.goals.length < MAX_GOALS && (
            <form
              onSubmit={async (event) => {
                event.preventDefault();
                const goals = [...mine.goals.map(({ kind, text }) => ({ kind, text })), draft];
                if (await run({ kind: 'set-goals', matchId, goals })) setDraft({ ...draft, text: '' });
              }}
            >
              <select
                aria-label="Kind of goal"
                value={draft.kind}
                onChange={(event) => setDraft({ ...draft, kind: event.target.value as 'learn' | 'offer' })}
              >
                <option value="learn">Learn</option>
                <option value="offer">Offer</option>
              </select>
              <input
                aria-label="New goal"
                maxLength={200}
                value={draft.text}
                onChange={(event) => setDraft({ ...draft, text: event.target.value })}
              />
              <button type="submit" disabled={busy || draft.text.trim().length < 2}>
                Add goal
              </button>
            </form>
          )}
        </div>
      )}
      {others.map((member) => (
        <div key={member.name}>
          <h4>{member.name}</h4>
          {member.goals.length === 0 ? (
            <p className="muted">No goals yet.</p>
          ) : (
            <ul>
              {member.goals.map((goal) => (
                <li key={goal.id}>
                  {kindLabel[goal.kind]}: {goal.text} (
                  {statuses.find(([s]) => s === goal.status)![1].toLowerCase()})
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
