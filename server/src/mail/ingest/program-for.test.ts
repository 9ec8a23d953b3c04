import { describe, expect, it } from 'vitest';
import { type MailboxProgram, programFor } from './ingest-message';

const program = (id: string, address: string): MailboxProgram => ({
  id,
  name: id,
  address,
  relayMode: false,
  storeBodies: false,
  mailboxKey: 'shared',
});

describe('programFor', () => {
  const mentoring = program('mentoring', 'mentoring@example.org');
  const writing = program('writing', 'writing@example.org');

  it('picks the program whose address or pair address received the mail', () => {
    expect(programFor([mentoring, writing], ['ana@example.org', 'writing@example.org'])).toBe(writing);
    expect(programFor([mentoring, writing], ['Writing+p-abc@Example.org'])).toBe(writing);
    expect(programFor([mentoring, writing], ['mentoring@example.org', 'writing@example.org'])).toBe(
      mentoring,
    );
  });

  it('falls back to the first program, and a mailbox of one program takes all its mail', () => {
    expect(programFor([mentoring, writing], ['ana@example.org'])).toBe(mentoring);
    expect(programFor([writing], ['ana@example.org'])).toBe(writing);
    expect(programFor([], ['writing@example.org'])).toBeUndefined();
  });
});
