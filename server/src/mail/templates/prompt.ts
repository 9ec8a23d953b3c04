// A conversation prompt sent into a pair's thread.
import { layout, paragraphs, type RenderedMail } from './layout';

export interface PromptInput {
  programName: string;
  recipientNames: string[];
  title: string;
  body: string;
  exitUrl: string;
}

export function promptMail(input: PromptInput): RenderedMail {
  return layout({
    subject: `${input.programName}: ${input.title}`,
    ...paragraphs([`Hello ${input.recipientNames.join(' and ')},`, input.body, 'Reply all to talk it over.']),
    footer: { programName: input.programName, exitUrl: input.exitUrl },
  });
}
