import { describe, expect, it } from 'vitest';
import { uidSet, uidsOfSet } from './uid-set';

describe('uidSet', () => {
  it('compresses runs into ranges', () => {
    expect(uidSet([1, 2, 3, 5, 9, 10])).toBe('1:3,5,9:10');
    expect(uidSet([7])).toBe('7');
  });
});

describe('uidsOfSet', () => {
  it('expands what uidSet compresses, and a range written high to low', () => {
    const uids = [1, 2, 3, 5, 9, 10, 4000, 4001];
    expect(uidsOfSet(uidSet(uids))).toEqual(uids);
    expect(uidsOfSet('7')).toEqual([7]);
    expect(uidsOfSet('12:10,3')).toEqual([3, 10, 11, 12]);
  });
  it('refuses anything but numbers and ranges', () => {
    for (const bad of ['', '1:*', '1,,2', 'a:3', '1:2:3'])
      expect(() => uidsOfSet(bad)).toThrow(/not a UID set/);
  });
});
