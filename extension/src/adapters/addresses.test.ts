import { describe, expect, it } from 'vitest';
import { findAddresses, parseAddress, plusToken, plusTokens } from './addresses';

describe('address helpers', () => {
  it('finds addresses in text, lower-cased and de-duplicated', () => {
    expect(findAddresses('From: Ana <Ana@Example.org>, ana@example.org; ben@x.io')).toEqual([
      'ana@example.org',
      'ben@x.io',
    ]);
  });

  it('parses mailto links and titles', () => {
    expect(parseAddress('mailto:ben@example.org?subject=hi')).toBe('ben@example.org');
    expect(parseAddress('Ben <ben@example.org>')).toBe('ben@example.org');
    expect(parseAddress('no address')).toBeNull();
    expect(parseAddress(null)).toBeNull();
  });

  it('extracts plus-address tokens', () => {
    expect(plusToken('mentoring+p-k3x9q2@example.org')).toBe('k3x9q2');
    expect(plusToken('mentoring+news@example.org')).toBeNull();
    expect(plusTokens(['a+p-abcd@x.org', 'b+p-ABCD@x.org', 'c@x.org'])).toEqual(['abcd']);
  });
});
