// The built-in prompt library for peer pairs and groups: copied into every new program's curriculum,
// where coordinators can edit it. Stages follow a peer relationship's arc (Kram & Isabella, 1985):
// forming, established, winding down. `week` is the program week from which a prompt may be sent.

export const promptStages = ['forming', 'established', 'wrap-up'] as const;
export type PromptStage = (typeof promptStages)[number];

export interface LibraryPrompt {
  key: string;
  stage: PromptStage;
  week: number;
  title: string;
  body: string;
}

export const promptLibrary: readonly LibraryPrompt[] = [
  {
    key: 'getting-to-know',
    stage: 'forming',
    week: 0,
    title: 'Getting to know each other',
    body: 'Share what you work on, one thing you are proud of this year, and one thing you would like to get better at. Then ask your peer one question about their answer.',
  },
  {
    key: 'goal-setting',
    stage: 'forming',
    week: 1,
    title: 'Setting goals together',
    body: 'Each of you: name one to three goals, what you want to learn and what you can offer, one per line starting with "Learn:" or "Offer:" (or just "Goal:"). Peerpost keeps them for both of you in the sidebar and asks about them at check-ins. Agree how often you will write (the program suggests the cadence in your intro).',
  },
  {
    key: 'role-flip',
    stage: 'established',
    week: 3,
    title: 'What could you teach your partner?',
    body: 'Peer mentoring runs both ways. Pick one thing your partner mentioned wanting to learn and offer a short tip, a resource or a story from your own work. Then swap: ask them for one in return.',
  },
  {
    key: 'stuck-moment',
    stage: 'established',
    week: 5,
    title: 'A moment you were stuck',
    body: 'Describe a recent situation where you were stuck at work and how you got out of it (or did not). What would your partner have done?',
  },
  {
    key: 'reflection',
    stage: 'established',
    week: 7,
    title: 'Halfway reflection',
    body: 'Look back at the goals you set. What has moved? What would you like to change about how you work together for the rest of the program?',
  },
  {
    key: 'wrap-up',
    stage: 'wrap-up',
    week: 10,
    title: 'Wrapping up',
    body: 'The program is ending soon. Tell each other one thing you learned from the other and one thing you will keep doing. Decide whether you want to stay in touch.',
  },
];
