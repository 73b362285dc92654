import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widget/fresk-invite/fresk-invite.ts';
import type { FreskInvite } from '../../widget/fresk-invite/fresk-invite.ts';
import { api, cancelSession, createSession, emailedSecret, getSession, inviteParticipants, registerParticipant, uniqueEmail } from './fresk-invite.data.ts';

const $ = <T extends Element = HTMLElement>(el: FreskInvite, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (el: FreskInvite) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Waits for the session to be loaded: the form, or the reason there is none. */
async function loaded(el: FreskInvite): Promise<FreskInvite> {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[role="status"]'), 'the session never loaded', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

async function invite(attributes: { code?: string; token?: string; cancelToken?: string; lang?: string }): Promise<FreskInvite> {
  const el = await fixture<FreskInvite>(
    html`<fresk-invite
      api=${api}
      code=${attributes.code ?? ''}
      token=${attributes.token ?? ''}
      cancel-token=${attributes.cancelToken ?? ''}
      lang=${attributes.lang ?? 'fr'}
    ></fresk-invite>`,
  );
  return loaded(el);
}

/** Types into the focused element inside the shadow root, as a person would. */
async function typeInto(el: FreskInvite, selector: string, value: string) {
  $<HTMLInputElement>(el, selector)!.focus();
  await sendKeys({ type: value });
}

async function outcome(el: FreskInvite) {
  await waitUntil(() => $(el, '#outcome'), 'no confirmation or reason appeared', { timeout: 5000 });
  return $(el, '#outcome')!;
}

describe('<fresk-invite>', function () {
  this.timeout(15000);

  it('shows the session, registers across origins with the keyboard alone, and the coordinator sees it', async () => {
    const session = await createSession({ capacity: 2, organization: 'ACME Industries', title: 'Fresque du Climat ACME' });
    const el = await invite({ code: session.code });

    const shown = text(el);
    expect(shown).to.contain('Atelier');
    expect(shown).to.contain('Fresque du Climat ACME');
    expect(shown).to.contain('lundi 4 mars 2030');
    expect(shown).to.contain('09:00');
    expect(shown).to.contain('12:00');
    expect(shown).to.contain('12 rue des Lilas, 75011 Paris');
    expect(shown).to.contain('ACME Industries');
    expect(shown).to.contain('2 places restantes');

    const email = uniqueEmail('camille');
    await typeInto(el, '#name', 'Camille Dupont');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: email });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('consent');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('type')).to.equal('submit');
    const registered = oneEvent(el, 'fresk-registered');
    await sendKeys({ press: 'Enter' });

    const event = await registered;
    expect(event.detail.registrationId).to.be.a('string').and.not.be.empty;
    expect(event.bubbles && event.composed).to.equal(true);
    const heading = await outcome(el);
    expect(heading.textContent).to.contain('Inscription confirmée');
    expect(el.shadowRoot!.activeElement).to.equal(heading);
    expect($(el, '[part~="confirmation"]')!.textContent).to.contain(`envoyé à ${email}`);
    const calendar = $<HTMLAnchorElement>(el, '[part~="confirmation"] a')!;
    expect(calendar.textContent).to.contain('Ajouter à mon agenda');
    expect(calendar.href).to.match(/^https?:\/\/.+\.ics/);

    const details = await getSession(session);
    expect(details.participants.map((p) => [p.name, p.email])).to.deep.equal([['Camille Dupont', email]]);
    expect(details.seatsLeft).to.equal(1);
    await emailedSecret(email, 'registration_confirmation', 'cancel');
  });

  it('speaks English with lang="en"', async () => {
    const session = await createSession({ capacity: 3 });
    const el = await invite({ code: session.code, lang: 'en' });
    const shown = text(el);
    expect(shown).to.contain('Workshop');
    expect(shown).to.contain('Monday, 4 March 2030');
    expect(shown).to.contain('3 seats left');
    expect($(el, 'label[for="consent"]')!.textContent).to.contain('I agree to receive the attendance certificate');

    // Switching language re-renders in place: what was typed stays.
    await typeInto(el, '#name', 'Sam Taylor');
    el.setAttribute('lang', 'fr');
    await el.updateComplete;
    expect(text(el)).to.contain('Atelier');
    expect($<HTMLInputElement>(el, '#name')!.value).to.equal('Sam Taylor');
    el.setAttribute('lang', 'en');
    await el.updateComplete;

    await typeInto(el, '#email', uniqueEmail('sam'));
    $<HTMLInputElement>(el, '#consent')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    expect((await outcome(el)).textContent).to.contain('Registration confirmed');
    expect(text(el)).to.contain('Add to my calendar');
  });

  it('shows the time on the session clock and names its zone', async () => {
    // The test browser runs on UTC. A Paris session at 09:00 shows 09:00, not 08:00, with its zone named.
    const paris = await invite({ code: (await createSession({})).code });
    expect(text(paris)).to.contain('09:00 – 12:00');
    expect(text(paris)).to.contain('(heure normale d’Europe centrale)');

    const montreal = await createSession({
      startsAt: '2030-03-04T18:30:00-05:00',
      endsAt: '2030-03-04T21:30:00-05:00',
      timezone: 'America/Toronto',
      location: { mode: 'online', url: 'https://meet.example.org/fresque' },
    });
    const el = await invite({ code: montreal.code, lang: 'en' });
    expect(text(el)).to.contain('Monday, 4 March 2030, 18:30–21:30 (Eastern Standard Time)');
    const link = $<HTMLAnchorElement>(el, 'dd a')!;
    expect(link.href).to.equal('https://meet.example.org/fresque');
    expect(text(el)).to.contain('Online');
  });

  it('checks the form before sending, ties each message to its field and focuses the first', async () => {
    const session = await createSession({});
    const el = await invite({ code: session.code });
    await typeInto(el, '#email', 'not-an-email');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await el.updateComplete;

    for (const [id, message] of [
      ['name', 'Indiquez votre prénom et votre nom.'],
      ['email', 'ne semble pas valide'],
      ['consent', 'Cochez cette case pour vous inscrire'],
    ]) {
      const input = $<HTMLInputElement>(el, `#${id}`)!;
      expect(input.getAttribute('aria-invalid'), id).to.equal('true');
      const described = $(el, `#${input.getAttribute('aria-describedby')}`)!;
      expect(described.textContent, id).to.contain(message);
    }
    expect(el.shadowRoot!.activeElement?.id).to.equal('name');
    await expect(el).to.be.accessible();
    expect((await getSession(session)).participants).to.have.length(0);
  });

  it('says the session is full when the last seat goes to someone else meanwhile', async () => {
    const session = await createSession({ capacity: 1 });
    const el = await invite({ code: session.code });
    expect(text(el)).to.contain('1 place restante');
    await registerParticipant(session, 'Someone Else', uniqueEmail('first'));

    await typeInto(el, '#name', 'Second Person');
    await typeInto(el, '#email', uniqueEmail('second'));
    $<HTMLInputElement>(el, '#consent')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();

    const heading = await outcome(el);
    expect(el.shadowRoot!.activeElement).to.equal(heading);
    expect($(el, '[part~="error"]')!.textContent).to.contain('Cette session est complète');
    expect($(el, 'form')).to.equal(null);
    expect(text(el)).to.contain('Complet');
    await expect(el).to.be.accessible();
    expect((await getSession(session)).participants).to.have.length(1);
  });

  it('offers the waiting list on a full session, at 390 px, and shows the position', async () => {
    await setViewport({ width: 390, height: 844 });
    const session = await createSession({ capacity: 1 });
    await registerParticipant(session, 'Only One', uniqueEmail('only'));
    const el = await invite({ code: session.code });
    expect(text(el)).to.contain("Inscrivez-vous sur la liste d'attente");
    const submit = $<HTMLButtonElement>(el, 'button[type="submit"]')!;
    expect(submit.textContent!.trim()).to.equal("Rejoindre la liste d'attente");
    await expect(el).to.be.accessible();
    const email = uniqueEmail('waiting');
    await typeInto(el, '#name', 'Patient Person');
    await typeInto(el, '#email', email);
    $<HTMLInputElement>(el, '#consent')!.click();
    submit.click();
    const heading = await outcome(el);
    expect(heading.textContent).to.contain("Vous êtes sur la liste d'attente");
    expect(text(el)).to.contain('Position 1');
    expect(el.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
    const details = (await getSession(session)) as unknown as { waitlist: { email: string; position: number }[] };
    expect(details.waitlist.map((p) => [p.email, p.position])).to.deep.equal([[email, 1]]);

    // The link of the waitlist email leaves the list.
    const leave = await invite({ cancelToken: await emailedSecret(email, 'waitlist_joined', 'cancel') });
    const button = $<HTMLButtonElement>(leave, 'button')!;
    expect(button.textContent!.trim()).to.equal("Quitter la liste d'attente");
    button.click();
    await outcome(leave);
    const after = (await getSession(session)) as unknown as { waitlist: unknown[] };
    expect(after.waitlist).to.deep.equal([]);
  });

  it('shows the reason instead of the form on a cancelled session, in both languages', async () => {
    const session = await createSession({});
    await cancelSession(session);
    const fr = await invite({ code: session.code });
    expect($(fr, 'form')).to.equal(null);
    expect($(fr, '[part~="error"]')!.textContent).to.contain('Cette session a été annulée.');
    const en = await invite({ code: session.code, lang: 'en' });
    expect($(en, '[part~="error"]')!.textContent).to.contain('This session was cancelled.');
    await expect(en).to.be.accessible();
  });

  it('says a link is not valid, without a retry button', async () => {
    const el = await invite({ code: 'not-a-real-code' });
    expect($(el, '[part~="error"]')!.textContent).to.contain("Ce lien n'est pas valide");
    expect($(el, 'button')).to.equal(null);
  });

  it('says the server is unreachable and retries on demand', async () => {
    const el = await fixture<FreskInvite>(html`<fresk-invite api="http://127.0.0.1:9" code="whatever"></fresk-invite>`);
    await loaded(el);
    expect($(el, '[part~="error"]')!.textContent).to.contain('Le serveur ne répond pas');
    const session = await createSession({});
    el.api = api;
    el.code = session.code;
    await loaded(el);
    expect($(el, 'form')).not.to.equal(null);
  });

  it('pre-fills the email of a personal invitation and registers with it', async () => {
    const session = await createSession({});
    const email = uniqueEmail('invited');
    await inviteParticipants(session, [email]);
    const token = await emailedSecret(email, 'participant_invitation', 'invitation');

    const el = await invite({ token });
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal(email);
    await typeInto(el, '#name', 'Invitée Personnelle');
    $<HTMLInputElement>(el, '#consent')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    expect((await outcome(el)).textContent).to.contain('Inscription confirmée');
    expect((await getSession(session)).participants.map((p) => p.email)).to.deep.equal([email]);
  });

  it('cancels a registration from the link of the confirmation email, freeing the seat', async () => {
    const session = await createSession({ capacity: 1 });
    const email = uniqueEmail('leaving');
    await registerParticipant(session, 'Bientôt Partie', email);
    const cancelToken = await emailedSecret(email, 'registration_confirmation', 'cancel');

    const el = await invite({ cancelToken });
    expect(text(el)).to.contain('Vous ne pouvez plus venir');
    const button = $<HTMLButtonElement>(el, 'button')!;
    expect(button.textContent).to.contain('Annuler mon inscription');
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'fresk-registration-cancelled');
    button.click();
    await cancelled;
    const heading = await outcome(el);
    expect(heading.textContent).to.contain('Inscription annulée');
    expect(el.shadowRoot!.activeElement).to.equal(heading);
    const details = await getSession(session);
    expect(details.participants).to.have.length(0);
    expect(details.seatsLeft).to.equal(1);

    const again = await invite({ cancelToken });
    $<HTMLButtonElement>(again, 'button')?.click();
    expect((await outcome(again)).textContent).to.contain('Annulation impossible');
  });

  it('passes axe on the form and on the confirmation', async () => {
    const session = await createSession({});
    const el = await invite({ code: session.code });
    await expect(el).to.be.accessible();
    await typeInto(el, '#name', 'Alex Axe');
    await typeInto(el, '#email', uniqueEmail('axe'));
    $<HTMLInputElement>(el, '#consent')!.click();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await outcome(el);
    await expect(el).to.be.accessible();
  });

  it('renders names from the server as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__freskXss=1">ACME';
    const session = await createSession({ organization: hostile, title: '<script>window.__freskXss=1</script>' });
    const el = await invite({ code: session.code });
    expect(text(el)).to.contain(hostile);
    expect($(el, 'img, script')).to.equal(null);
    expect((window as unknown as { __freskXss?: number }).__freskXss).to.equal(undefined);
  });

  it('works when inserted late, twice on a page, and when its definition runs again', async () => {
    const first = await createSession({});
    const second = await createSession({ organization: 'Second Client' });
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    for (const s of [first, second]) {
      const el = document.createElement('fresk-invite');
      el.setAttribute('api', api);
      el.code = s.code;
      container.append(el);
    }
    const [a, b] = [...container.querySelectorAll('fresk-invite')];
    await Promise.all([loaded(a), loaded(b)]);
    expect(text(a)).to.contain('ACME Industries');
    expect(text(b)).to.contain('Second Client');

    // A second copy of the bundle (a theme and a plugin) must not throw "already defined".
    await import(`../../widget/fresk-invite/fresk-invite.ts?again=${Date.now()}`);
    expect(customElements.get('fresk-invite')).to.equal(a.constructor);

    await typeInto(b, '#name', 'Only Second');
    await typeInto(b, '#email', uniqueEmail('second'));
    $<HTMLInputElement>(b, '#consent')!.click();
    $<HTMLButtonElement>(b, 'button[type="submit"]')!.click();
    await outcome(b);
    expect($(a, 'form')).not.to.equal(null);
    expect((await getSession(first)).participants).to.have.length(0);
    expect((await getSession(second)).participants).to.have.length(1);
  });

  it('stays intact under hostile page CSS', async () => {
    const session = await createSession({});
    const style = document.createElement('style');
    style.textContent = `
      html { font-size: 10px; }
      * { all: unset; }
      input, button, label { display: none !important; }
      div { line-height: 5 !important; color: hotpink !important; }
    `;
    document.head.append(style);
    try {
      const el = await invite({ code: session.code });
      for (const selector of ['#name', '#email', 'button[type="submit"]', 'label[for="name"]']) {
        const box = $(el, selector)!.getBoundingClientRect();
        expect(box.height, selector).to.be.greaterThan(0);
      }
      const button = $(el, 'button[type="submit"]')!.getBoundingClientRect();
      expect(button.height).to.be.at.least(24);
      expect(button.width).to.be.at.least(24);
      const checkbox = $(el, '#consent')!.getBoundingClientRect();
      expect(Math.min(checkbox.width, checkbox.height)).to.be.at.least(24);
      expect(getComputedStyle($(el, '#name')!).fontSize).to.equal('16px');
      expect(getComputedStyle($(el, '.root')!).color).to.equal('rgb(31, 41, 51)');
    } finally {
      style.remove();
    }
  });

  it('fits a phone screen in one column with large targets, even when the page resets the element', async () => {
    await setViewport({ width: 360, height: 740 });
    const style = document.createElement('style');
    style.textContent = 'fresk-invite { all: unset; }';
    document.head.append(style);
    try {
      const el = await invite({ code: (await createSession({})).code });
      expect(el.shadowRoot!.querySelector('.root')!.scrollWidth).to.be.at.most(360);
      const [label, value] = [...el.shadowRoot!.querySelectorAll('dl > div:first-child > *')].map((n) => n.getBoundingClientRect());
      expect(value.top, 'facts stack under their labels').to.be.greaterThan(label.top);
      for (const selector of ['#name', '#email', 'button[type="submit"]']) {
        const box = $(el, selector)!.getBoundingClientRect();
        expect(box.height, selector).to.be.at.least(44);
        expect(box.width, selector).to.be.greaterThan(250);
      }
    } finally {
      style.remove();
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('is themed only through --fresk-* properties set on any ancestor', async () => {
    const session = await createSession({});
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--fresk-color-primary: rgb(122, 31, 92)">
      <fresk-invite api=${api} code=${session.code}></fresk-invite>
    </div>`);
    const el = await loaded(wrapper.querySelector('fresk-invite')!);
    expect(getComputedStyle($(el, 'button[type="submit"]')!).backgroundColor).to.equal('rgb(122, 31, 92)');
  });
});
