import { waitUntil } from '@open-wc/testing';

/** The first element matching `selector` anywhere under `root`, looking inside every shadow root. */
export function deep<T extends Element = HTMLElement>(root: Element | ShadowRoot, selector: string): T | null {
  // Duck-typed rather than `instanceof`: elements may come from another window (an iframe).
  const scope = (root as Element).shadowRoot ?? root;
  const direct = scope.querySelector<T>(selector);
  if (direct) return direct;
  for (const el of scope.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = deep<T>(el, selector);
      if (found) return found;
    }
  }
  return null;
}

/** Waits for `selector` to appear anywhere under `root` (shadow roots included). */
export async function waitFor<T extends Element = HTMLElement>(root: Element, selector: string, message = `${selector} never appeared`, timeout = 5000): Promise<T> {
  await waitUntil(() => deep(root, selector), message, { timeout });
  return deep<T>(root, selector)!;
}

/** The visible text of an element and everything it renders, shadow roots included, whitespace collapsed. */
export function textOf(el: Element | ShadowRoot): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    const el = node as HTMLElement;
    if (node.nodeType === Node.ELEMENT_NODE && (el.hidden || el.tagName === 'STYLE')) return;
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (el.shadowRoot) walk(el.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Waits until the text under `el` contains `expected`. */
export async function waitForText(el: Element, expected: string | RegExp, timeout = 5000): Promise<void> {
  const matches = () => (typeof expected === 'string' ? textOf(el).includes(expected) : expected.test(textOf(el)));
  await waitUntil(matches, '', { timeout }).catch(() => {
    throw new Error(`never showed "${expected}"; shows: ${textOf(el).slice(0, 600)}`);
  });
}

/** Sets a form control's value as typing would (an `input` then a `change` event). */
export function fill(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The button whose text (or accessible label) is `label`, anywhere under `root`. */
export function button(root: Element, label: string | RegExp): HTMLButtonElement | null {
  const all: HTMLButtonElement[] = [];
  const collect = (scope: Element | ShadowRoot) => {
    for (const el of scope.querySelectorAll('*')) {
      if (el.tagName === 'BUTTON') all.push(el as HTMLButtonElement);
      if (el.shadowRoot) collect(el.shadowRoot);
    }
  };
  collect(root.shadowRoot ?? root);
  const test = (s: string) => (typeof label === 'string' ? s.trim() === label : label.test(s.trim()));
  return all.find((b) => test(b.getAttribute('aria-label') ?? '') || test(b.textContent ?? '')) ?? null;
}

export async function waitForButton(root: Element, label: string | RegExp, timeout = 5000): Promise<HTMLButtonElement> {
  await waitUntil(() => button(root, label), '', { timeout }).catch(() => {
    throw new Error(`no button "${label}"; shows: ${textOf(root).slice(0, 600)}`);
  });
  return button(root, label)!;
}
