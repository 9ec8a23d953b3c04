import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sidebar, type SidebarProps } from './Sidebar';
import { sampleContext, testActions } from './testing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

function render(props: Partial<SidebarProps> & Pick<SidebarProps, 'state'>) {
  const full: SidebarProps = {
    actions: testActions(),
    collapsed: false,
    onCollapsedChange: vi.fn(),
    theme: 'light',
    ...props,
  };
  act(() => root.render(<Sidebar {...full} />));
  return full;
}

const button = (name: string) =>
  [...container.querySelectorAll('button')].find((element) => element.textContent?.includes(name))!;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('Sidebar', () => {
  const match = {
    kind: 'match' as const,
    context: sampleContext(),
    subject: 'Meet your peer',
    threadId: 't1',
    lowConfidence: false,
  };

  it('shows partner, health, prompt, why matched and program week', () => {
    render({ state: match });
    const text = container.textContent!;
    expect(text).toContain('Ben Okafor');
    expect(text).toContain('Steady');
    expect(text).toContain('72');
    expect(text).toContain('Replies within two days');
    expect(text).toContain('What is one thing you tried');
    expect(text).toContain('Ben can teach SQL');
    expect(text).toContain('week 6');
    expect(container.querySelector('aside')?.getAttribute('aria-label')).toBe('Peerpost');
    expect(container.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toContain('rising');
  });

  it('inserts the prompt, submits a check-in and snoozes through its actions', async () => {
    const props = render({ state: match });
    act(() => button('Insert into reply').click());
    expect(props.actions.insertPrompt).toHaveBeenCalledWith(
      'What is one thing you tried since we last wrote?',
    );
    await act(async () => button('4').click());
    expect(props.actions.submitCheckIn).toHaveBeenCalledWith('7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b', 4);
    expect(container.querySelector('[data-testid="checkin-done"]')).not.toBeNull();
    await act(async () => button('Snooze').click());
    expect(props.actions.snoozeNudge).toHaveBeenCalledWith(match.context.match.id, 7);
  });

  it('renders hostile strings as text', () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\u202Egnp.exe';
    render({
      state: {
        ...match,
        subject: hostile,
        context: sampleContext({
          partners: [{ name: hostile }],
          match: { ...match.context.match, explanation: [hostile] },
        }),
      },
    });
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toContain('<script>');
  });

  it('shows coordinators members and quick actions', async () => {
    const props = render({
      state: {
        ...match,
        context: sampleContext({
          role: 'coordinator',
          coordinator: {
            members: [{ name: 'Ana', email: 'ana@example.org', medianReplyHours: 20.4 }],
            actions: ['nudge', 'note', 'flag'],
            dashboardUrl: 'https://peerpost.example.org/dashboard',
          },
        }),
      },
    });
    expect(container.textContent).toContain('replies in ~20 h');
    expect(container.textContent).not.toContain('Insert into reply');
    await act(async () => button('Send a nudge').click());
    expect(props.actions.coordinatorAction).toHaveBeenCalledWith(match.context.match.id, 'nudge', undefined);
    await act(async () => button('Open the dashboard').click());
    expect(props.actions.openDashboard).toHaveBeenCalled();
  });

  it('shows a coordinator the match history, newest first, with hostile text as text', async () => {
    const coordinator = sampleContext({
      role: 'coordinator',
      coordinator: { members: [], actions: [], dashboardUrl: 'https://peerpost.example.org/dashboard' },
    });
    const matchHistory = vi.fn(async () => ({
      ok: true as const,
      entries: [
        { at: '2026-11-20T10:00:00.000Z', kind: 'nudge', text: '<b onclick=x>quiet</b>' },
        { at: '2026-11-12T10:00:00.000Z', kind: 'check-in', text: 'pulse 4' },
        { at: '2026-11-01T10:00:00.000Z', kind: 'message' },
      ],
    }));
    await act(async () => {
      render({ state: { ...match, context: coordinator }, actions: testActions({ matchHistory }) });
    });
    expect(matchHistory).toHaveBeenCalledWith(coordinator.match.id);
    const items = [...container.querySelectorAll('[data-testid="match-history"] li')].map(
      (item) => item.textContent,
    );
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('Nudge sent: <b onclick=x>quiet</b>');
    expect(items[1]).toContain('Check-in: pulse 4');
    expect(items[2]).toContain('Message');
    expect(container.querySelector('[data-testid="match-history"] b')).toBeNull();
  });

  it('says so when the history cannot be loaded, and shows no history to a participant', async () => {
    const matchHistory = vi.fn(async () => ({ ok: false as const, message: 'Not allowed (FORBIDDEN)' }));
    await act(async () => {
      render({ state: match, actions: testActions({ matchHistory }) });
    });
    expect(container.querySelector('[data-testid="match-history"]')).toBeNull();
    expect(matchHistory).not.toHaveBeenCalled();
    await act(async () => {
      render({
        state: {
          ...match,
          context: sampleContext({
            role: 'coordinator',
            coordinator: { members: [], actions: [], dashboardUrl: 'https://peerpost.example.org/d' },
          }),
        },
        actions: testActions({ matchHistory }),
      });
    });
    expect(container.querySelector('[data-testid="match-history"] [role="alert"]')?.textContent).toBe(
      'Not allowed (FORBIDDEN)',
    );
  });

  it('marks a match read by the generic fallback as lower confidence, and only that one', () => {
    render({ state: { ...match, lowConfidence: true } });
    expect(container.querySelector('[data-testid="low-confidence"]')?.textContent).toContain(
      'details may be incomplete',
    );
    render({ state: match });
    expect(container.querySelector('[data-testid="low-confidence"]')).toBeNull();
  });

  it('shows a quiet collapsed tab for a thread that is not a match, which opens on click', () => {
    render({ state: { kind: 'not-a-match', subject: 'Lunch?', threadId: 't2', lowConfidence: false } });
    const tab = container.querySelector('button.tab')!;
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('[data-testid="not-a-match"]')).toBeNull();
    act(() => (tab as HTMLButtonElement).click());
    expect(container.querySelector('[data-testid="not-a-match"]')).not.toBeNull();
  });

  it('remembers the collapse choice through its callback', () => {
    const props = render({ state: match });
    act(() => (container.querySelector('button.tab') as HTMLButtonElement).click());
    expect(props.onCollapsedChange).toHaveBeenCalledWith(true);
    render({ state: match, collapsed: true });
    expect(container.querySelector('[data-testid="match-panel"]')).toBeNull();
  });

  it('says clearly when the webmail changed, and renders nothing without a thread', () => {
    render({ state: { kind: 'broken', label: 'Gmail' } });
    expect(container.querySelector('[data-testid="webmail-changed"]')?.textContent).toContain(
      'Gmail changed',
    );
    render({ state: { kind: 'hidden' } });
    expect(container.innerHTML).toBe('');
  });
});
