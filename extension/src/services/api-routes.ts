// The server routes the extension calls, in one place (the contract's schemas live in @peerpost/shared).
export const apiRoutes = {
  authRequest: '/api/auth/request',
  authVerify: '/api/auth/verify',
  me: '/api/me',
  context: '/api/context',
  checkIn: (id: string) => `/api/check-ins/${encodeURIComponent(id)}`,
  acceptAgreement: (matchId: string) => `/api/partnership/${encodeURIComponent(matchId)}/agreement/accept`,
  proposeCadence: (matchId: string) => `/api/partnership/${encodeURIComponent(matchId)}/agreement`,
  setGoals: (matchId: string) => `/api/partnership/${encodeURIComponent(matchId)}/goals`,
  keepGoing: (matchId: string) => `/api/partnership/${encodeURIComponent(matchId)}/keep-going`,
  goalProgress: (goalId: string) => `/api/goals/${encodeURIComponent(goalId)}/progress`,
  timeline: (matchId: string) => `/api/matches/${encodeURIComponent(matchId)}/timeline`,
  snooze: (matchId: string) => `/api/matches/${encodeURIComponent(matchId)}/snooze`,
  coordinatorAction: (matchId: string, action: string) =>
    `/api/matches/${encodeURIComponent(matchId)}/${encodeURIComponent(action)}`,
} as const;
