import { describe, expect, it } from 'vitest';
import { composeMessage } from './compose';
import type { OutboxJob } from './queue';

const job = {
  id: 7,
  fromAddress: 'program@example.org',
  replyTo: 'program+p-abc@example.org',
  subject: 'Meet your peer',
  textBody: 'Hello',
  htmlBody: null,
  messageId: '<pp.intro.x@example.org>',
  inReplyTo: null,
  references: [],
  headers: { 'Auto-Submitted': 'auto-generated' },
  createdAt: new Date('2026-01-01T00:00:00Z'),
} as unknown as OutboxJob;

describe('composeMessage', () => {
  it('adds the program mailbox as a blind recipient when it is not visible', () => {
    const message = composeMessage(job, { to: ['ana@example.org'], cc: [] }, 'program@example.org');
    expect(message.bcc).toEqual(['program@example.org']);
    expect(message.messageId).toBe('<pp.intro.x@example.org>');
    expect(message.disableFileAccess).toBe(true);
  });

  it('does not add it again when pair mail already has it in Cc', () => {
    const message = composeMessage(
      job,
      { to: ['ana@example.org', 'bob@example.org'], cc: ['Program@Example.org'] },
      'program@example.org',
    );
    expect(message.bcc).toBeUndefined();
    expect(message.cc).toEqual(['Program@Example.org']);
  });

  it('has no blind copy without an evidence mailbox (file outbox)', () => {
    expect(composeMessage(job, { to: ['ana@example.org'], cc: [] }).bcc).toBeUndefined();
  });
});
