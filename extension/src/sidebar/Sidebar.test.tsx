import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sidebar, type SidebarProps } from './Sidebar';
import type { SidebarActions } from './state';
import { sampleContext } from './testing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

function actions(): SidebarActions {
  return {
    insertPrompt: vi.fn(() => true),
    submitCheckIn: vi.fn(async () => ({ ok: true as const })),
    snoozeNudge: vi.fn(async () => ({ ok: true as const })),
    partnership: vi.fn(async () => ({ ok: true as const })),
    coordinatorAction: vi.fn(async () => ({ ok: true as const })),
    openDashboard: vi.fn(async () => ({ ok: true as const })),
    retry: vi.fn(),
  };
}

function render(props: Partial<SidebarProps> & Pick<SidebarProps, 'state'>) {
  const full: SidebarProps = {
    actions: actions(),
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
