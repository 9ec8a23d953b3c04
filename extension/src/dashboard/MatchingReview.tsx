// The coordinator's matching review of one program: the proposal table (members, score, why), picking
// people to pin, block, swap or rematch, unmatching a match, proposing again and approving. Works from the
// API only; every string is rendered as text.
import type { MatchingProposal } from '@peerpost/shared/api/matching';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { apiGet, apiPost } from './api';
import {
  commandBody,
  matchingReviewClient,
  nameOf,
  personLabel,
  proposalRows,
  type ReviewCommand,
  type ReviewTransport,
  togglePick,
  totalsLine,
} from './matching-review';

const backgroundTransport: ReviewTransport = { get: apiGet, post: apiPost };

const doneMessages: Record<Exclude<ReviewCommand, 'approve'>, string> = {
  propose: 'Proposed again',
  pin: 'Pinned',
  block: 'Blocked',
  swap: 'Swapped',
  rematch: 'Rematched',
  unmatch: 'Unmatched',
};

export function MatchingReview(props: {
  programId: string;
  transport?: ReviewTransport;
  /** After an approval, so the matches table can show the approved matches. */
  onApproved?: () => void;
}) {
  const { programId, onApproved } = props;
  const client = useMemo(
    () => matchingReviewClient(props.transport ?? backgroundTransport),
    [props.transport],
  );
  const [proposal, setProposal] = useState<MatchingProposal | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  /** Runs one call; its error, if any, is shown as the server (or the check before sending) said it. */
  const run = useCallback(async (work: () => Promise<string>) => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      setNotice(await work());
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    if (!programId) return;
    setProposal(null);
    setPicked([]);
    void run(async () => {
      setProposal(await client.load(programId));
      return '';
    });
  }, [programId, client, run]);

  const command = (name: Exclude<ReviewCommand, 'approve'>, matchId?: string) =>
    run(async () => {
      const body = commandBody(name, picked, matchId);
      const who =
        name === 'propose' || name === 'unmatch'
          ? ''
          : `: ${picked.map((id) => nameOf(proposal!, id)).join(' and ')}`;
      setProposal(await client.run(programId, name, body));
      setPicked([]);
      return `${doneMessages[name]}${who}`;
    });
  const approve = () =>
    run(async () => {
      setConfirming(false);
      const approval = await client.approve(programId);
      setProposal(await client.load(programId));
      setPicked([]);
      onApproved?.();
      return `Approved ${approval.approvedMatchIds.length} matches; the intro mails are queued.`;
    });

  const rows = proposal ? proposalRows(proposal) : [];
  const personButton = (person: { id: string; label: string }) => (
    <button
      type="button"
      key={person.id}
      className="person"
      aria-pressed={picked.includes(person.id)}
      onClick={() => setPicked((current) => togglePick(current, person.id))}
    >
      {person.label}
    </button>
  );

  return (
    <section aria-labelledby="matching-review-title" className="matching-review" data-busy={busy}>
      <h2 id="matching-review-title">Matching review</h2>
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => command('propose')}>
          Propose again
        </button>
        {(['pin', 'block', 'swap', 'rematch'] as const).map((name) => (
          <button type="button" key={name} disabled={busy} onClick={() => command(name)}>
            {name[0]!.toUpperCase() + name.slice(1)}
          </button>
        ))}
        <button
          type="button"
          disabled={busy || !proposal?.matches.length}
          onClick={() => setConfirming(true)}
        >
          Approve
        </button>
      </div>
      {confirming && (
        <fieldset className="confirm">
          <legend>Confirm approval</legend>
          <span>Approve {rows.length} matches and queue their intro mails? This cannot be undone.</span>
          <button type="button" disabled={busy} onClick={approve}>
            Confirm approval
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      )}
      <p className="hint">
        {picked.length
          ? `Picked: ${picked.map((id) => nameOf(proposal!, id)).join(', ')}`
          : 'Pick people (click a name) to pin, block, swap or rematch them.'}
      </p>
      <p role="alert" className="error" data-testid="review-error">
        {error}
      </p>
      <p role="status" data-testid="review-notice">
        {notice}
      </p>
      {proposal && (
        <>
          <p data-testid="review-totals">{totalsLine(proposal)}</p>
          <table aria-label="Proposed matches">
            <thead>
              <tr>
                <th>Members</th>
                <th>Score</th>
                <th>Pinned</th>
                <th>Why</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.matchId} data-match-id={row.matchId}>
                  <td>{row.members.map(personButton)}</td>
                  <td>{row.score}</td>
                  <td>{row.pinned ? 'pinned' : ''}</td>
                  <td>{row.explanation}</td>
                  <td>
                    <button type="button" disabled={busy} onClick={() => command('unmatch', row.matchId)}>
                      Unmatch
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p>No proposal yet: propose to match everyone unmatched.</p>}
          {proposal.unmatched.length > 0 && (
            <section aria-label="Unmatched people">
              <h3>Unmatched</h3>
              {proposal.unmatched.map((person) => personButton(personLabel(person)))}
            </section>
          )}
        </>
      )}
    </section>
  );
}
