import { describe, expect, it, vi } from 'vitest';
import { luminance, pageTheme, watchTheme } from './theme';

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

  it('reports a theme switched by the page without a navigation, once, until stopped', async () => {
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    const onChange = vi.fn();
    const stop = new AbortController();
    watchTheme(document, onChange, stop.signal);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    document.body.style.backgroundColor = 'rgb(32, 33, 36)';
    await settle();
    document.body.style.color = 'white';
    await settle();
    expect(onChange.mock.calls).toEqual([['dark']]);
    stop.abort();
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
