/**
 * The form the server renders inside `<fresk-invite>` (the `/signup/<code>` page, and the WordPress plugin
 * through `/signup/<code>/form`) is usable before the element is defined, and the element, once defined,
 * takes it over without losing what was typed, the consent tick or the focus. This file imports the
 * element only after typing (each test file runs in its own page), as a slow script would arrive.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FreskInvite } from '../../widget/fresk-invite/fresk-invite.ts';
import { api, createSession, getSession, uniqueEmail } from './fresk-invite.data.ts';

describe('<fresk-invite> over the form the server rendered', function () {
  this.timeout(15000);

  it('is usable before the definition, then upgraded with the typed values, the consent and the caret kept', async () => {
    const session = await createSession({ organization: 'Pré-rendu SA' });
    const res = await fetch(`${api}/signup/${session.code}/form?lang=fr`);
    expect(res.status).to.equal(200);
    const host = document.createElement('div');
    host.innerHTML = `<fresk-invite code="${session.code}" api="${api}" lang="fr">${await res.text()}</fresk-invite>`;
    document.body.append(host);
    const el = host.querySelector('fresk-invite') as FreskInvite;
    expect(customElements.get('fresk-invite')).to.equal(undefined);

    // Before any script: the session is described and the plain form takes input.
    expect(el.textContent).to.contain('Pré-rendu SA');
    const form = el.querySelector('form')!;
    expect(form.method).to.equal('post');
    expect(form.action).to.equal(`${api}/signup/${session.code}`);
    const name = form.querySelector<HTMLInputElement>('input[name="name"]')!;
    const email = form.querySelector<HTMLInputElement>('input[name="email"]')!;
    const address = uniqueEmail('prerendered');
    email.focus();
    await sendKeys({ type: address });
    form.querySelector<HTMLInputElement>('input[name="consent"]')!.click();
    name.focus();
    await sendKeys({ type: 'Ada Prérendue' });
    await sendKeys({ press: 'ArrowLeft' }); // the caret one character before the end
    expect(email.value).to.equal(address);

    await import('../../widget/fresk-invite/fresk-invite.ts');
    await el.updateComplete;
    const $ = <T extends Element>(selector: string) => el.shadowRoot!.querySelector<T>(selector);
    await waitUntil(() => $('form'), 'the element did not render its form');
    // The summary the server rendered comes along (data-info): shown at first render, no "loading" blink.
    expect(el.shadowRoot!.textContent).to.contain('Pré-rendu SA');
    expect($('[role="status"]')).to.equal(null);
    // The date as the server formatted it, then the element's own (formatted after the upgrade painted):
    // the same day and hours on the session's clock.
    expect(el.shadowRoot!.textContent).to.contain('lundi 4 mars 2030');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('lundi 4 mars 2030');
    expect(el.shadowRoot!.textContent).to.match(/09:00\s?–\s?12:00/);
    expect($<HTMLInputElement>('#name')!.value).to.equal('Ada Prérendue');
    expect($<HTMLInputElement>('#email')!.value).to.equal(address);
    expect($<HTMLInputElement>('#consent')!.checked).to.equal(true);
    // The focus and the caret moved to the element's own name field: typing goes on where it was.
    expect(el.shadowRoot!.activeElement).to.equal($('#name'));
    expect($<HTMLInputElement>('#name')!.selectionStart).to.equal('Ada Prérendue'.length - 1);
    // The static form is no longer shown (the light DOM is not slotted).
    expect(form.getClientRects().length).to.equal(0);

    await waitUntil(() => !$('[role="status"]'), 'the session never loaded', { timeout: 5000 });
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => $('[part~="confirmation"]'), 'no confirmation', { timeout: 5000 });
    const after = await getSession(session);
    expect(after.participants.map((p) => p.email)).to.include(address);
    host.remove();
  });
});
