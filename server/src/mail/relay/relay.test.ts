import { describe, expect, it } from 'vitest';
import { hideAddresses } from './relay';

describe('hideAddresses', () => {
  it('replaces member addresses in any case, and nothing else', () => {
    const text = 'On Tue, Ana <Ana.Lima@Example.org> wrote:\n> hi\nBen\nben+x@example.org ben@example.org';
    expect(hideAddresses(text, ['ana.lima@example.org', 'ben@example.org'], 'p+p-t@example.org')).toBe(
      'On Tue, Ana <p+p-t@example.org> wrote:\n> hi\nBen\nben+x@example.org p+p-t@example.org',
    );
  });
  it('treats addresses as plain text, not patterns', () => {
    expect(hideAddresses('a.b@x.org axb@x.org xa.b@x.org', ['a.b@x.org'], 'p@x.org')).toBe(
      'p@x.org axb@x.org xa.b@x.org',
    );
  });
});
