// Mail templates: each returns { subject, text, html, headers } to spread into enqueueMail's input.
// @example await enqueueMail(tx, { idempotencyKey, purpose: 'nudge', from, to, ...nudgeMail({ … }) })
export { type CheckInInput, checkInMail } from './check-in';
export { type IntroInput, type IntroMember, introMail } from './intro';
export type { RenderedMail } from './layout';
export { type NoticeInput, noticeMail } from './notice';
export { type NudgeInput, nudgeMail } from './nudge';
export { type PromptInput, promptMail } from './prompt';
export { escapeHtml, html, SafeHtml } from './render';
export { type SignInCodeInput, signInCodeMail } from './sign-in-code';
