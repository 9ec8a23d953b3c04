// The suggested next prompt, with a button that puts it into the reply as plain text.
import type { Prompt } from '@peerpost/shared/api/context';
import { useState } from 'react';

export function PromptCard({ prompt, insert }: { prompt: Prompt; insert: (text: string) => boolean }) {
  const [note, setNote] = useState('');
  return (
    <section aria-labelledby="pp-prompt" className="card">
      <h3 id="pp-prompt">Next prompt</h3>
      <p className="prompt-title">{prompt.title}</p>
      <p className="prompt-body" data-testid="prompt-body">
        {prompt.body}
      </p>
      <button
        type="button"
        onClick={() =>
          setNote(insert(prompt.body) ? 'Added to your reply.' : 'Open a reply first, then try again.')
        }
      >
        Insert into reply
      </button>
      <p className="muted" role="status">
        {note}
      </p>
    </section>
  );
}
