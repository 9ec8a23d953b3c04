// What the sidebar shows: derived from the page (thread or not, adapter broken) and the server's answer.
import type {
  ActionResult,
  ContextResult,
  CoordinatorAction,
  HistoryResult,
  PartnershipAction,
} from '../messaging/protocol';

export type SidebarState =
  | { kind: 'hidden' }
  | { kind: 'loading'; subject: string; threadId: string | null }
  | { kind: 'broken'; label: string }
  | ({ subject: string; threadId: string | null; lowConfidence: boolean } & ContextResult);

/** What the sidebar can ask for; the content script implements it with background messages and the adapter. */
export interface SidebarActions {
  insertPrompt(text: string): boolean;
  submitCheckIn(checkInId: string, score: number): Promise<ActionResult>;
  snoozeNudge(matchId: string, days: number): Promise<ActionResult>;
  /** Agreement, goals and keep-going; the sidebar reloads the context after a success. */
  partnership(action: PartnershipAction): Promise<ActionResult>;
  coordinatorAction(matchId: string, action: CoordinatorAction, note?: string): Promise<ActionResult>;
  openDashboard(matchId: string): Promise<ActionResult>;
  /** Coordinators: what happened in the match, newest first. */
  matchHistory(matchId: string): Promise<HistoryResult>;
  retry(): void;
}
