// The partnership agreement: its terms, who accepted, one click to accept, and another rhythm to propose.
import type { Agreement } from '@peerpost/shared/api/partnership';
import { useState } from 'react';
import type { SidebarActions } from './state';
import { usePartnershipAction } from './use-partnership-action';

export function AgreementCard(props: { matchId: string; agreement: Agreement; actions: SidebarActions }) {
  const { matchId, agreement } = props;
  const { busy, error, run } = usePartnershipAction(props.actions);
  const [cadence, setCadence] = useState(String(agreement.cadenceDays));
  const waiting = agreement.members.filter((m) => !m.accepted && !m.isCaller).map((m) => m.name);
  return (
    <section aria-labelledby="pp-agreement" className="card" data-testid="agreement">
      <h3 id="pp-agreement">Partnership agreement</h3>
      <ul>
        {agreement.terms.map((term) => (
          <li key={term}>{term}</li>
        ))}
      </ul>
      {agreement.acceptedByAll ? (
        <p className="muted">Accepted by all of you.</p>
      ) : agreement.acceptedByCaller ? (
        <p className="muted">You accepted. Waiting for {waiting.join(' and ')}.</p>
      ) : (
        <button type="button" disabled={busy} onClick={() => run({ kind: 'accept-agreement', matchId })}>
          Accept the agreement
        </button>
      )}
      <form
        className="cadence"
        onSubmit={(event) => {
          event.preventDefault();
          void run({ kind: 'propose-cadence', matchId, cadenceDays: Number(cadence) });
        }}
      >
        <label>
          Write every{' '}
          <input
            type="number"
            min={1}
            max={90}
            value={cadence}
            aria-label="Days between messages"
            onChange={(event) => setCadence(event.target.value)}
          />{' '}
          days
        </label>
        <button type="submit" disabled={busy || Number(cadence) === agreement.cadenceDays}>
          Propose
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
