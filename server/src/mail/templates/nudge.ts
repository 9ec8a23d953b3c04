// A health nudge: why now, and the one next step that helps.
import { layout, type RenderedMail } from './layout';
import { html, safeUrl } from './render';

export interface NudgeInput {
  programName: string;
  recipientName: string;
  /** Plain words, e.g. "Your pair has been quiet for three weeks". */
  reason: string;
  suggestion: string;
  action?: { label: string; url: string };
  exitUrl: string;
}

export function nudgeMail(input: NudgeInput): RenderedMail {
  const action = input.action && { label: input.action.label, url: safeUrl(input.action.url) };
  return layout({
    subject: `${input.programName}: ${input.reason}`,
    text: [
      `Hello ${input.recipientName},`,
      `${input.reason}.`,
      input.suggestion,
      ...(action ? [`${action.label}: ${action.url}`] : []),
    ],
    body: html`<p>Hello ${input.recipientName},</p><p>${input.reason}.</p><p>${input.suggestion}</p>
${action ? html`<p><a href="${action.url}">${action.label}</a></p>` : ''}`,
    footer: { programName: input.programName, exitUrl: input.exitUrl },
  });
}
