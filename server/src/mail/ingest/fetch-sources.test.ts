// Reading a message's UID and source from an untagged FETCH response, as imapflow's own parser parses the
// server's line (so the shapes are the real ones, not hand-made).
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { describe, expect, it } from 'vitest';
import { sourceOfResponse } from './fetch-sources';

/** A server line parsed by imapflow; `{n}` literals are taken from `literals` in order. */
const parsed = (line: string, literals: Buffer[] = []) =>
  parser(Buffer.from(line), { literals } as Parameters<typeof parser>[1]);

describe('sourceOfResponse', () => {
  it('reads a literal source and its UID', async () => {
    const source = Buffer.from('From: ana@example.org\r\n\r\nHello\r\n');
    const read = sourceOfResponse(await parsed(`* 3 FETCH (UID 17 BODY[] {${source.length}}\r\n)`, [source]));
    expect(read).toEqual({ uid: 17, source });
  });

  it('reads the items in any order and in any case', async () => {
    expect(sourceOfResponse(await parsed('* 3 FETCH (body[] "x" uid 9)'))).toEqual({
      uid: 9,
      source: Buffer.from('x'),
    });
  });

  it('turns a quoted source into its UTF-8 bytes and NIL into no bytes, as the public fetch does', async () => {
    expect(sourceOfResponse(await parsed('* 3 FETCH (UID 7 BODY[] "Grüße")'))).toEqual({
      uid: 7,
      source: Buffer.from('Grüße'),
    });
    expect(sourceOfResponse(await parsed('* 3 FETCH (UID 7 BODY[] NIL)'))).toEqual({
      uid: 7,
      source: Buffer.alloc(0),
    });
  });

  it('passes over responses without the whole source', async () => {
    // A flag change another session made, reported in the middle of the FETCH.
    expect(sourceOfResponse(await parsed('* 3 FETCH (FLAGS (\\Seen) UID 7)'))).toBe('other');
    expect(sourceOfResponse(await parsed('* 3 FETCH (UID 7 BODY[HEADER] "x")'))).toBe('other');
  });

  it('does not guess at a shape it does not know', async () => {
    expect(sourceOfResponse(await parsed('* 3 FETCH (BODY[] "x")'))).toBe('unknown');
    expect(sourceOfResponse(await parsed('* 3 FETCH (UID 0 BODY[] "x")'))).toBe('unknown');
    expect(sourceOfResponse(await parsed('* 3 FETCH (UID 99999999999 BODY[] "x")'))).toBe('unknown');
    expect(sourceOfResponse(await parsed('* 3 FETCH (UID 7x BODY[] "x")'))).toBe('unknown');
    expect(sourceOfResponse(await parsed('* 3 FETCH (UID 7 BODY[] ("x"))'))).toBe('unknown');
    expect(sourceOfResponse(await parsed('* 3 FETCH NIL'))).toBe('unknown');
    expect(sourceOfResponse({ command: '3', attributes: [{ type: 'ATOM', value: 'FETCH' }] })).toBe(
      'unknown',
    );
  });
});
