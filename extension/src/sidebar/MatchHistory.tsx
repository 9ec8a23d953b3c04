// For a coordinator: what happened in the match lately (messages, check-ins, nudges, prompts), newest first.
import type { TimelineEntry } from '@peerpost/shared/api/matches';
import { useEffect, useState } from 'react';
import type { SidebarActions } from './state';

const kindLabels: Record<string, string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  started: 'Introduced',
  closed: 'Closed',
  message: 'Message',
  'auto-reply': 'Auto-reply',
  'check-in': 'Check-in',
  nudge: 'Nudge sent',
  prompt: 'Prompt sent',
};

type Loaded = { entries: TimelineEntry[] } | { message: string } | null;

export function MatchHistory({ matchId, actions }: { matchId: string; actions: SidebarActions }) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    let current = true;
    setLoaded(null);
    void actions.matchHistory(matchId).then((result) => {
      if (current) setLoaded(result.ok ? { entries: result.entries } : { message: result.message });
    });
    // A late answer for the previous match must not replace this one's.
    return () => {
      current = false;
    };
  }, [matchId, actions]);
  return (
    <section aria-labelledby="pp-history" className="card" data-testid="match-history">
      <h3 id="pp-history">History</h3>
      {loaded === null && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {loaded && 'message' in loaded && (
        <p className="error" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded && 'entries' in loaded && loaded.entries.length === 0 && <p className="muted">Nothing yet.</p>}
      {loaded && 'entries' in loaded && loaded.entries.length > 0 && (
        <ol className="history">
          {loaded.entries.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id and two may share a time
            <li key={index}>
              <time dateTime={entry.at}>
                {new Date(entry.at).toLocaleDateString(undefined, { dateStyle: 'medium' })}
              </time>{' '}
              {kindLabels[entry.kind] ?? entry.kind}
              {entry.text && <span dir="auto">: {entry.text}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
