import { describe, expect, it } from 'vitest';
import { luminance, pageTheme } from './theme';

describe('theme', () => {
  it('computes luminance of rgb colours and ignores transparent ones', () => {
    expect(luminance('rgb(255, 255, 255)')).toBeCloseTo(1);
    expect(luminance('rgb(0, 0, 0)')).toBe(0);
    expect(luminance('rgba(0, 0, 0, 0)')).toBeNull();
    expect(luminance('transparent')).toBeNull();
  });

  it('follows the page background', () => {
    document.body.style.backgroundColor = 'rgb(32, 33, 36)';
    expect(pageTheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageTheme(document)).toBe('light');
  });
});
