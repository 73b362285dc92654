import type { SignupInfo } from './fresk-invite.api.ts';
import type { Field } from './fresk-invite.views.ts';

/** What was typed into the server-rendered form before the element was defined, and where the caret was. */
export interface TypedValues {
  name: string;
  email: string;
  consent: boolean;
  focus?: Field;
  selection?: [number | null, number | null];
}

/**
 * The server's signup page and the WordPress plugin deliver the form already rendered in the light DOM
 * (`<fresk-invite …><form method="post" …>…</form></fresk-invite>`): usable, and working without
 * JavaScript, before the script runs. Once defined, the element takes over: what was typed, the consent
 * tick and the focus (with the caret) move to its own form, which replaces the static one on screen (the
 * light DOM is not slotted, so it is no longer rendered). The session's summary the server rendered comes
 * along as JSON (`data-info` of the form, or of the reason shown instead of it), so it does not blink.
 *
 * Reads what `host` holds: the rendered summary with the server's formatted date range (`when`, with its
 * locale), and the typed values (only when the static form is there).
 */
export function adoptStaticForm(host: HTMLElement): { rendered?: SignupInfo; when?: [locale: string, text: string]; typed?: TypedValues } {
  const found: ReturnType<typeof adoptStaticForm> = {};
  try {
    const data = JSON.parse(host.querySelector<HTMLElement>(':scope > [data-info]')?.dataset.info ?? 'null');
    if (data) {
      const { when, ...info } = data as SignupInfo & { when?: [string, string] };
      found.rendered = info;
      found.when = when;
    }
  } catch {
    // Not ours, or damaged on the way: the element asks the server, as without it.
  }
  const form = host.querySelector(':scope > form');
  if (!form) return found;
  const field = (name: Field) => form.querySelector<HTMLInputElement>(`[name="${name}"]`);
  const focused = document.activeElement instanceof HTMLInputElement && form.contains(document.activeElement) ? document.activeElement : undefined;
  const focus = focused?.name as Field | undefined;
  found.typed = {
    name: field('name')?.value ?? '',
    email: field('email')?.value ?? '',
    consent: !!field('consent')?.checked,
    // Only text fields have a caret to carry over (an email field's `selectionStart` is null).
    ...(focus && { focus, selection: focused!.selectionStart === null ? undefined : [focused!.selectionStart, focused!.selectionEnd] }),
  };
  return found;
}

/** Puts the focus and the caret back where they were in the static form, now in the element's own form (`root`). */
export function restoreFocus(root: ParentNode, typed: TypedValues | undefined): void {
  const { focus, selection } = typed ?? {};
  const input = focus && root.querySelector<HTMLInputElement>(`#${focus}`);
  if (!input) return;
  input.focus();
  if (selection) input.setSelectionRange(selection[0], selection[1]);
}
