// Puts plain text into a webmail reply box. Text only: lines become text nodes and <br>s, never HTML.

/** Inserts `text` at the end of the compose box and tells the webmail it changed. Returns false when it cannot. */
export function insertPlainText(target: HTMLElement, text: string): boolean {
  const doc = target.ownerDocument;
  const view = doc.defaultView;
  if (view && target instanceof view.HTMLTextAreaElement) {
    const separator = target.value && !target.value.endsWith('\n') ? '\n' : '';
    target.value = `${target.value}${separator}${text}`;
  } else if (target.isContentEditable || target.getAttribute('contenteditable') === 'true') {
    const block = doc.createElement('div');
    text.split('\n').forEach((line, index) => {
      if (index > 0) block.append(doc.createElement('br'));
      block.append(doc.createTextNode(line));
    });
    target.append(block);
  } else {
    return false;
  }
  target.focus();
  // Webmail clients track drafts through input events; without one the text might not be saved.
  target.dispatchEvent(
    new (view?.InputEvent ?? InputEvent)('input', { bubbles: true, inputType: 'insertText' }),
  );
  return true;
}
