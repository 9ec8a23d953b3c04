import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['=HYPERLINK("x")', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"\'=HYPERLINK(""x"")",');
  });
});
