// The sign-in mail: a one-time code (and optionally a link). Not program mail, so no exit link.
import { layout, type RenderedMail } from './layout';
import { html, safeUrl } from './render';

export interface SignInCodeInput {
  code: string;
  minutesValid: number;
  signInUrl?: string;
}

export function signInCodeMail(input: SignInCodeInput): RenderedMail {
  const url = input.signInUrl && safeUrl(input.signInUrl);
  return layout({
    subject: 'Your Peerpost sign-in code',
    text: [
      `Your sign-in code is ${input.code}`,
      `It works once, for ${input.minutesValid} minutes.${url ? ` Or sign in with one click: ${url}` : ''}`,
      'If you did not ask for it, ignore this mail: nobody can sign in without the code or the link.',
    ],
    body: html`<p>Your sign-in code is</p><p style="font-size:24px;letter-spacing:4px"><strong>${input.code}</strong></p>
<p>It works once, for ${input.minutesValid} minutes.${url ? html` Or <a href="${url}">sign in with one click</a>.` : ''}</p>
<p>If you did not ask for it, ignore this mail: nobody can sign in without the code or the link.</p>`,
  });
}
