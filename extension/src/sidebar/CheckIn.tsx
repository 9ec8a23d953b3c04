// A pending check-in answered with one click (1–5), right next to the thread.
import { useState } from 'react';
import type { ActionResult } from '../messaging/protocol';

export function CheckIn({ submit }: { submit: (score: number) => Promise<ActionResult> }) {
  const [status, setStatus] = useState<'open' | 'sending' | 'done' | string>('open');
  if (status === 'done') {
    return (
      <p className="card" role="status" data-testid="checkin-done">
        Thanks, your check-in is recorded.
      </p>
    );
  }
  return (
    <section aria-labelledby="pp-checkin" className="card">
      <h3 id="pp-checkin">How is it going?</h3>
      <fieldset className="scores">
        <legend className="muted">From 1 (poorly) to 5 (very well)</legend>
        {[1, 2, 3, 4, 5].map((score) => (
          <button
            type="button"
            key={score}
            disabled={status === 'sending'}
            aria-label={`${score} out of 5`}
            onClick={async () => {
              setStatus('sending');
              const result = await submit(score);
              setStatus(result.ok ? 'done' : result.message);
            }}
          >
            {score}
          </button>
        ))}
      </fieldset>
      {status !== 'open' && status !== 'sending' && (
        <p className="error" role="alert">
          {status}
        </p>
      )}
    </section>
  );
}
