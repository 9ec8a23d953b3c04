// The sidebar's root: a collapsible panel (or a quiet tab) fixed to the right edge, labelled for screen
// readers. Every email-derived string is rendered as React text, never as HTML.
import { useState } from 'react';
import { MatchPanel } from './MatchPanel';
import type { SidebarActions, SidebarState } from './state';

export interface SidebarProps {
  state: SidebarState;
  actions: SidebarActions;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  theme: 'light' | 'dark';
}

function Body({ state, actions }: { state: SidebarState; actions: SidebarActions }) {
  switch (state.kind) {
    case 'hidden':
      return null;
    case 'loading':
      return (
        <p className="muted" role="status">
          Loading…
        </p>
      );
    case 'broken':
      return (
        <p className="warning" role="alert" data-testid="webmail-changed">
          {state.label} changed how it shows messages, so Peerpost cannot read this thread right now. Your
          mail is unaffected.
        </p>
      );
    case 'signed-out':
      return (
        <p data-testid="signed-out">
          Sign in to Peerpost from the toolbar button to see this thread's context.
        </p>
      );
    case 'not-a-match':
      return (
        <p className="muted" data-testid="not-a-match">
          This thread is not a Peerpost match.
        </p>
      );
    case 'error':
      return (
        <div role="alert">
          <p className="error">{state.message}</p>
          <button type="button" onClick={actions.retry}>
            Try again
          </button>
        </div>
      );
    case 'match':
      return (
        <>
          {state.lowConfidence && (
            <p className="muted" data-testid="low-confidence">
              Read from an unknown webmail: details may be incomplete.
            </p>
          )}
          <MatchPanel context={state.context} actions={actions} />
        </>
      );
  }
}

export function Sidebar({ state, actions, collapsed, onCollapsedChange, theme }: SidebarProps) {
  // A thread that is not a match only gets a quiet tab, until the user opens it for this thread.
  const quiet = state.kind === 'not-a-match' || state.kind === 'signed-out';
  const [quietOpen, setQuietOpen] = useState<SidebarState | null>(null);
  if (state.kind === 'hidden') return null;
  const isCollapsed = quiet ? quietOpen !== state : collapsed;
  const toggle = () => (quiet ? setQuietOpen(isCollapsed ? state : null) : onCollapsedChange(!isCollapsed));
  return (
    <aside
      className={`peerpost ${isCollapsed ? 'collapsed' : 'open'}`}
      data-theme={theme}
      data-state={state.kind}
      data-thread-id={'threadId' in state ? (state.threadId ?? undefined) : undefined}
      aria-label="Peerpost"
    >
      <button
        type="button"
        className="tab"
        aria-expanded={!isCollapsed}
        aria-controls="peerpost-body"
        onClick={toggle}
        title={isCollapsed ? 'Show Peerpost' : 'Hide Peerpost'}
      >
        <span aria-hidden="true">{isCollapsed ? '‹' : '›'}</span> Peerpost
      </button>
      {!isCollapsed && (
        <div id="peerpost-body" className="body">
          <h2 className="subject" dir="auto">
            {'subject' in state ? state.subject : ''}
          </h2>
          <Body state={state} actions={actions} />
        </div>
      )}
    </aside>
  );
}
