// The partnership cards in the sidebar: the agreement with one-click accept and a cadence proposal, goals
// (own with progress buttons, the partner's read only, hostile text shown as text) and keep going.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { partnershipRequest } from '../services/api-client';
import { Sidebar } from './Sidebar';
import type { SidebarActions } from './state';
import { sampleContext, testActions } from './testing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
const matchId = '0b6b6f1e-8a3c-4a57-9d7e-3f1f0c2a9b10';
const goalId = '1c9e8f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6';

function actions(result: { ok: true } | { ok: false; message: string } = { ok: true }): SidebarActions {
  return testActions({ partnership: vi.fn(async () => result) });
}

const context = sampleContext({
  agreement: {
    cadenceDays: 14,
    terms: ['We write to each other at least every 14 days.', 'What we share stays between us.'],
    members: [
      { name: 'Ana Silva', accepted: false, isCaller: true },
      { name: 'Ben Okafor', accepted: true, isCaller: false },
    ],
    acceptedByAll: false,
    acceptedByCaller: false,
  },
  goals: [
    {
      name: 'Ana Silva',
      isCaller: true,
      goals: [{ id: goalId, kind: 'learn', text: 'SQL', status: 'moving' }],
    },
    {
      name: 'Ben Okafor',
      isCaller: false,
      goals: [
        {
          id: '2c9e8f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6',
          kind: 'offer',
          text: '<img src=x onerror=alert(1)>',
          status: 'done',
        },
      ],
    },
  ],
  conclusionNotice: { noticeAt: '2026-11-20T09:00:00.000Z', closesAt: '2026-11-27T09:00:00.000Z' },
});

function render(sidebarActions: SidebarActions, change = {}) {
  const state = {
    kind: 'match' as const,
    context: { ...context, ...change },
    subject: 'S',
    threadId: 't',
    lowConfidence: false,
  };
  act(() =>
    root.render(
      <Sidebar
        state={state}
        actions={sidebarActions}
        collapsed={false}
        onCollapsedChange={vi.fn()}
        theme="light"
      />,
    ),
  );
}

const button = (name: string) =>
  [...container.querySelectorAll('button')].find((element) => element.textContent?.trim() === name)!;
const click = async (element: Element) => {
  await act(async () => {
    (element as HTMLElement).click();
  });
};
function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('partnership in the sidebar', () => {
  it('accepts the agreement with one click and reloads the context', async () => {
    const sidebar = actions();
    render(sidebar);
    expect(container.querySelector('[data-testid="agreement"]')!.textContent).toContain(
      'What we share stays between us.',
    );
    await click(button('Accept the agreement'));
    expect(sidebar.partnership).toHaveBeenCalledWith({ kind: 'accept-agreement', matchId });
    expect(sidebar.retry).toHaveBeenCalled();
  });

  it('proposes another cadence and shows a refusal as text', async () => {
    const sidebar = actions({
      ok: false,
      message: 'The cadence must be a whole number of days from 1 to 90',
    });
    render(sidebar);
    type(container.querySelector('input[aria-label="Days between messages"]')!, '7');
    await click(button('Propose'));
    expect(sidebar.partnership).toHaveBeenCalledWith({ kind: 'propose-cadence', matchId, cadenceDays: 7 });
    expect(container.querySelector('[role="alert"]')!.textContent).toMatch(/1 to 90/);
    expect(sidebar.retry).not.toHaveBeenCalled();
  });

  it("shows the partner's goals as text and records progress on one's own with one click", async () => {
    const sidebar = actions();
    render(sidebar);
    const goals = container.querySelector('[data-testid="goals"]')!;
    expect(goals.textContent).toContain('Offer: <img src=x onerror=alert(1)> (done)');
    expect(goals.querySelector('img')).toBeNull();
    expect(button('Moving').getAttribute('aria-pressed')).toBe('true');
    await click(button('Done'));
    expect(sidebar.partnership).toHaveBeenCalledWith({ kind: 'goal-progress', goalId, status: 'done' });
  });

  it('adds a goal to the list it sends, up to three', async () => {
    const sidebar = actions();
    render(sidebar);
    type(container.querySelector('input[aria-label="New goal"]')!, 'Public speaking');
    await act(async () => {
      container
        .querySelector('[data-testid="goals"] form')!
        .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(sidebar.partnership).toHaveBeenCalledWith({
      kind: 'set-goals',
      matchId,
      goals: [
        { kind: 'learn', text: 'SQL' },
        { kind: 'learn', text: 'Public speaking' },
      ],
    });
    const three = ['a', 'b', 'c'].map((text, i) => ({
      id: `${i}${goalId.slice(1)}`,
      kind: 'learn' as const,
      text,
      status: 'moving' as const,
    }));
    render(sidebar, { goals: [{ name: 'Ana Silva', isCaller: true, goals: three }] });
    expect(container.querySelector('input[aria-label="New goal"]')).toBeNull();
  });

  it('offers "keep going" while a notice is pending, and nothing without one', async () => {
    const sidebar = actions();
    render(sidebar);
    await click(button('Keep going'));
    expect(sidebar.partnership).toHaveBeenCalledWith({ kind: 'keep-going', matchId });
    render(sidebar, { conclusionNotice: null });
    expect(container.querySelector('[data-testid="keep-going"]')).toBeNull();
  });

  it('maps every action to its server route and body', () => {
    expect(partnershipRequest({ kind: 'accept-agreement', matchId: 'm' })).toEqual([
      '/api/partnership/m/agreement/accept',
      {},
    ]);
    expect(partnershipRequest({ kind: 'goal-progress', goalId: 'g/1', status: 'done' })).toEqual([
      '/api/goals/g%2F1/progress',
      { status: 'done' },
    ]);
    expect(partnershipRequest({ kind: 'propose-cadence', matchId: 'm', cadenceDays: 7 })[1]).toEqual({
      cadenceDays: 7,
    });
  });
});
