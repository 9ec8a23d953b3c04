// A complete context response and recording actions for sidebar tests.
import type { ContextResponse } from '@peerpost/shared/api/context';
import { vi } from 'vitest';
import type { SidebarActions } from './state';

/** Actions that succeed and record their calls; `change` replaces some. */
export function testActions(change: Partial<SidebarActions> = {}): SidebarActions {
  return {
    insertPrompt: vi.fn(() => true),
    submitCheckIn: vi.fn(async () => ({ ok: true as const })),
    snoozeNudge: vi.fn(async () => ({ ok: true as const })),
    partnership: vi.fn(async () => ({ ok: true as const })),
    coordinatorAction: vi.fn(async () => ({ ok: true as const })),
    openDashboard: vi.fn(async () => ({ ok: true as const })),
    matchHistory: vi.fn(async () => ({ ok: true as const, entries: [] })),
    retry: vi.fn(),
    ...change,
  };
}

export function sampleContext(change: Partial<ContextResponse> = {}): ContextResponse {
  return {
    role: 'participant',
    match: {
      id: '0b6b6f1e-8a3c-4a57-9d7e-3f1f0c2a9b10',
      status: 'active',
      explanation: ['both early-career', 'Ben can teach SQL'],
      startedAt: '2026-10-01T09:00:00.000Z',
    },
    program: {
      id: '5d0c7f4e-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
      name: 'Peer Mentoring Circle',
      week: 6,
      cadenceDays: 14,
    },
    partners: [
      { name: 'Ben Okafor', careerStage: 'early-career', skillsOffered: ['SQL'], goals: ['lead a team'] },
    ],
    sharedGoals: ['lead a team'],
    health: { score: 72, status: 'steady', reasons: ['Replies within two days'], trend: [60, 65, 72] },
    nextPrompt: {
      key: 'week-6',
      title: 'A skill swap',
      body: 'What is one thing you tried since we last wrote?',
    },
    pendingCheckIn: { id: '7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b', dueAt: '2026-11-20T09:00:00.000Z' },
    ...change,
  };
}
