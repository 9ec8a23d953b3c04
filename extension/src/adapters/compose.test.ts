import { describe, expect, it } from 'vitest';
import { insertPlainText } from './compose';

describe('insertPlainText', () => {
  it('appends text lines to a contenteditable box as text nodes, never as HTML', () => {
    const box = document.createElement('div');
    box.setAttribute('contenteditable', 'true');
    document.body.append(box);
    let inputs = 0;
    box.addEventListener('input', () => inputs++);
    expect(insertPlainText(box, 'Line <b>one</b>\nLine two')).toBe(true);
    expect(box.querySelector('b')).toBeNull();
    expect(box.textContent).toBe('Line <b>one</b>Line two');
    expect(box.querySelectorAll('br')).toHaveLength(1);
    expect(inputs).toBe(1);
  });

  it('appends to a textarea on a new line', () => {
    const area = document.createElement('textarea');
    area.value = 'Quoted';
    expect(insertPlainText(area, 'Prompt')).toBe(true);
    expect(area.value).toBe('Quoted\nPrompt');
  });

  it('refuses elements that are not editable', () => {
    expect(insertPlainText(document.createElement('div'), 'x')).toBe(false);
  });
});
