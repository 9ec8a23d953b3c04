// A 1-click check-in: a question and one link per answer.
import { layout, type RenderedMail } from './layout';
import { html, plain, safeUrl } from './render';

export interface CheckInInput {
  programName: string;
  recipientName: string;
  question: string;
  answers: { label: string; url: string }[];
  exitUrl: string;
}

export function checkInMail(input: CheckInInput): RenderedMail {
  const answers = input.answers.map((answer) => ({ label: answer.label, url: safeUrl(answer.url) }));
  return layout({
    subject: `${input.programName}: a quick check-in`,
    text: [
      `Hello ${input.recipientName},`,
      input.question,
      answers.map((a) => `- ${plain(a.label)}: ${a.url}`).join('\n'),
      'One click is enough; only the program coordinators see your answer.',
    ],
    body: html`<p>Hello ${input.recipientName},</p><p>${input.question}</p>
<p>${answers.map((a) => html`<a href="${a.url}" style="display:inline-block;margin:0 8px 8px 0">${a.label}</a>`)}</p>
<p>One click is enough; only the program coordinators see your answer.</p>`,
    footer: { programName: input.programName, exitUrl: input.exitUrl },
  });
}
