// The full panel for a thread that is a Peerpost match.
import type { ContextResponse } from '@peerpost/shared/api/context';
import { useState } from 'react';
import { AgreementCard } from './AgreementCard';
import { CheckIn } from './CheckIn';
import { CoordinatorPanel } from './CoordinatorPanel';
import { GoalsCard } from './GoalsCard';
import { HealthCard } from './HealthCard';
import { KeepGoingCard } from './KeepGoingCard';
import { Partners } from './Partners';
import { PromptCard } from './PromptCard';
import type { SidebarActions } from './state';

export function MatchPanel({ context, actions }: { context: ContextResponse; actions: SidebarActions }) {
  const [snoozed, setSnoozed] = useState('');
  const participant = context.role === 'participant';
  return (
    <div className="panel" data-testid="match-panel" data-match-id={context.match.id}>
      <p className="program">
        {context.program.name} · week {context.program.week}
      </p>
      {participant && <Partners partners={context.partners} />}
      {participant && context.conclusionNotice && (
        <KeepGoingCard
          matchId={context.match.id}
          closesAt={context.conclusionNotice.closesAt}
          actions={actions}
        />
      )}
      {context.agreement && participant && (
        <AgreementCard matchId={context.match.id} agreement={context.agreement} actions={actions} />
      )}
      {context.goals && (participant ? true : context.goals.some((m) => m.goals.length > 0)) && (
        <GoalsCard matchId={context.match.id} members={context.goals} actions={actions} />
      )}
      {participant && !context.goals && context.sharedGoals.length > 0 && (
        <section aria-labelledby="pp-profile-goals" className="card">
          <h3 id="pp-profile-goals">Shared goals</h3>
          <ul>
            {context.sharedGoals.map((goal) => (
              <li key={goal}>{goal}</li>
            ))}
          </ul>
        </section>
      )}
      <HealthCard health={context.health} />
      {participant && context.nextPrompt && (
        <PromptCard prompt={context.nextPrompt} insert={actions.insertPrompt} />
      )}
      {participant && context.pendingCheckIn && (
        <CheckIn submit={(score) => actions.submitCheckIn(context.pendingCheckIn!.id, score)} />
      )}
      <section aria-labelledby="pp-why" className="card">
        <h3 id="pp-why">Why you were matched</h3>
        <ul>
          {context.match.explanation.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </section>
      {participant && (
        <p>
          <button
            type="button"
            className="link"
            onClick={async () => {
              const result = await actions.snoozeNudge(context.match.id, 7);
              setSnoozed(result.ok ? 'Nudges snoozed for a week.' : result.message);
            }}
          >
            Snooze nudges for a week
          </button>
          <span className="muted" role="status">
            {' '}
            {snoozed}
          </span>
        </p>
      )}
      {!participant && <CoordinatorPanel context={context} actions={actions} />}
    </div>
  );
}
