// The review view on a recorded transport: the table shows hostile names as text, picks become the
// command's body, a missing pick or a server refusal is shown as an error, and approval asks first.
import type { MatchingProposal } from '@peerpost/shared/api/matching';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MatchingReview } from './MatchingReview';
import type { ReviewTransport } from './matching-review';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const programId = '55555555-5555-4555-8555-555555555555';
const person = (n: number, name: string) => ({
  id: `${n}${n}${n}${n}${n}${n}${n}${n}-${n}${n}${n}${n}-4${n}${n}${n}-8${n}${n}${n}-${`${n}`.repeat(12)}`,
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
});
const [ana, ben, cy, dee] = [
  person(1, 'Ana <img src=x onerror=alert(1)>'),
  person(2, 'Ben'),
  person(3, 'Cy'),
  person(4, 'Dee'),
];
const proposal: MatchingProposal = {
  matches: [
    {
      id: '66666666-6666-4666-8666-666666666666',
      members: [ana!, ben!],
      score: 0.9,
      pinned: false,
      explanation: ['both early-career'],
    },
    {
      id: '77777777-7777-4777-8777-777777777777',
      members: [cy!, dee!],
      score: 0.5,
      pinned: false,
      explanation: ['Cy can teach Dee SQL'],
    },
  ],
  unmatched: [],
  totals: { matches: 2, people: 4, totalScore: 1.4, meanScore: 0.7, unmatched: 0 },
};
const swapped: MatchingProposal = {
  ...proposal,
  matches: [
    { ...proposal.matches[0]!, members: [cy!, ben!], explanation: ['changed by the coordinator'] },
    { ...proposal.matches[1]!, members: [ana!, dee!], explanation: ['changed by the coordinator'] },
  ],
};

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function recorded(answers: Record<string, unknown>) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const answer = (path: string) => {
    const value = answers[path.split('/').pop()!];
    if (value instanceof Error) throw value;
    return value;
  };
  const transport: ReviewTransport = {
    get: async (path) => {
      calls.push({ method: 'GET', path, body: undefined });
      return answer(path);
    },
    post: async (path, body) => {
      calls.push({ method: 'POST', path, body });
      return answer(path);
    },
  };
  return { calls, transport };
}

const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
const personButton = (name: string) =>
  [...container.querySelectorAll<HTMLButtonElement>('button.person')].find((b) =>
    b.textContent?.startsWith(name),
  )!;
const click = async (element: HTMLElement) => {
  await act(async () => element.click());
};
const text = (testId: string) => container.querySelector(`[data-testid="${testId}"]`)!.textContent;

async function show(transport: ReviewTransport, onApproved = () => {}) {
  await act(async () =>
    root.render(<MatchingReview programId={programId} transport={transport} onApproved={onApproved} />),
  );
}

describe('MatchingReview', () => {
  it('shows the proposal with scores and reasons, hostile names as text', async () => {
    const { transport } = recorded({ matching: proposal });
    await show(transport);
    const rows = container.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('0.90');
    expect(rows[0]!.textContent).toContain('both early-career');
    expect(rows[0]!.textContent).toContain('Ana <img src=x onerror=alert(1)> <ana@example.org>');
    expect(container.querySelector('img')).toBeNull();
    expect(text('review-totals')).toBe('2 matches, 4 people, 0 unmatched, mean score 0.70');
  });

  it('swaps the two people picked and shows the new proposal', async () => {
    const { calls, transport } = recorded({ matching: proposal, swap: swapped });
    await show(transport);
    await click(personButton('Ana'));
    await click(personButton('Cy'));
    expect(personButton('Ana').getAttribute('aria-pressed')).toBe('true');
    await click(button('Swap'));
    expect(calls.at(-1)).toEqual({
      method: 'POST',
      path: `/api/programs/${programId}/matching/swap`,
      body: { a: ana!.id, b: cy!.id },
    });
    expect(text('review-notice')).toBe('Swapped: Ana <img src=x onerror=alert(1)> and Cy');
    expect(container.querySelector('tbody tr')!.textContent).toContain('changed by the coordinator');
    expect(personButton('Ana').getAttribute('aria-pressed')).toBe('false');
  });

  it('says what is missing without calling the server, and shows a server refusal', async () => {
    const refusal = new Error('Ana and Ben must never be matched (ECONFLICT)');
    const { calls, transport } = recorded({ matching: proposal, block: refusal, unmatch: proposal });
    await show(transport);
    await click(personButton('Ana'));
    await click(button('Pin'));
    expect(text('review-error')).toBe('Pick two people to pin (1 picked)');
    expect(calls).toHaveLength(1);
    await click(personButton('Ben'));
    await click(button('Block'));
    expect(text('review-error')).toBe('Ana and Ben must never be matched (ECONFLICT)');
    await click(container.querySelectorAll<HTMLButtonElement>('tbody button:not(.person)')[1]!);
    expect(calls.at(-1)).toMatchObject({ body: { matchId: proposal.matches[1]!.id } });
    expect(text('review-error')).toBe('');
  });

  it('approves only after confirming, then reloads and tells the dashboard', async () => {
    const approved = { approvedMatchIds: proposal.matches.map((m) => m.id), programStatus: 'running' };
    const { calls, transport } = recorded({ matching: proposal, approve: approved });
    const onApproved = vi.fn();
    await show(transport, onApproved);
    await click(button('Approve'));
    expect(calls).toHaveLength(1);
    await click(button('Confirm approval'));
    expect(calls.map((call) => `${call.method} ${call.path.split('/').pop()}`)).toEqual([
      'GET matching',
      'POST approve',
      'GET matching',
    ]);
    expect(text('review-notice')).toBe('Approved 2 matches; the intro mails are queued.');
    expect(onApproved).toHaveBeenCalledOnce();
  });
});
