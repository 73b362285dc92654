/**
 * The shipped bundle (`dist/widget/fresk-invite.js`, served by the server at `/widget/`) on a page of another
 * origin under a strict Content-Security-Policy: no violation from the widget while it loads, registers and
 * is inserted late, even when the page loads the bundle twice. The page is an iframe whose policy is a
 * `<meta>`; two deliberate violations made by the test (an inline script, a style attribute) prove the policy
 * is enforced and its violations observed.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { api, createSession, getSession, uniqueEmail } from './fresk-invite.data.ts';

interface Probe {
  cspViolations: { directive: string; blocked: string; sample: string }[];
  pageErrors: string[];
  inlineRan?: boolean;
}

const policy = [
  "default-src 'none'",
  `script-src 'self' ${api}`,
  "style-src 'self'",
  `connect-src ${api}`,
  "img-src 'self' data:",
  "base-uri 'none'",
].join('; ');

async function strictPage(code: string): Promise<{ frame: HTMLIFrameElement; win: Window & Probe; doc: Document }> {
  const bundle = `${api}/widget/fresk-invite.js`;
  const head = await fetch(bundle, { method: 'HEAD' });
  if (!head.ok) throw new Error(`${bundle} answered ${head.status}: run npm run build first`);
  const frame = document.createElement('iframe');
  frame.title = 'strict CSP page';
  frame.width = '800';
  frame.height = '900';
  frame.srcdoc = `<!doctype html><html lang="fr"><head>
    <meta http-equiv="Content-Security-Policy" content="${policy}">
    <script type="module" src="${location.origin}/test/widget/fresk-invite-csp-probe.js"></script>
    <script type="module" src="${bundle}"></script>
    <script type="module" src="${bundle}?loaded-twice"></script>
    </head><body>
    <fresk-invite code="${code}" api="${api}"></fresk-invite>
    </body></html>`;
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as unknown as Probe | null)?.cspViolations && frame.contentDocument?.readyState === 'complete', 'the page never loaded', { timeout: 5000 });
  const win = frame.contentWindow as Window & Probe;
  await waitUntil(() => win.customElements.get('fresk-invite'), 'the bundle never defined <fresk-invite>', { timeout: 5000 });
  return { frame, win, doc: frame.contentDocument! };
}

describe('<fresk-invite> under a strict CSP (the shipped bundle)', function () {
  this.timeout(20000);

  it('registers, is inserted late and loaded twice without any violation of its own', async () => {
    const session = await createSession({ capacity: 3 });
    const { frame, win, doc } = await strictPage(session.code);
    try {
      const root = () => doc.querySelector('fresk-invite')!.shadowRoot!;
      await waitUntil(() => root().querySelector('form'), 'the form never appeared', { timeout: 5000 });

      const name = root().querySelector<HTMLInputElement>('#name')!;
      const email = root().querySelector<HTMLInputElement>('#email')!;
      name.value = 'Strict Page';
      email.value = uniqueEmail('csp');
      root().querySelector<HTMLInputElement>('#consent')!.click();
      root().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitUntil(() => root().querySelector('[part~="confirmation"]'), 'no confirmation', { timeout: 5000 });
      expect((await getSession(session)).participants).to.have.length(1);

      const late = doc.createElement('fresk-invite');
      late.setAttribute('code', session.code);
      late.setAttribute('api', api);
      doc.body.append(late);
      await waitUntil(() => late.shadowRoot?.querySelector('form'), 'the late element never loaded', { timeout: 5000 });
      expect(late.shadowRoot!.textContent).to.contain('2 places restantes');
      expect(getComputedStyle(late.shadowRoot!.querySelector('button')!).backgroundColor).to.equal('rgb(11, 94, 87)');

      const inline = doc.createElement('script');
      inline.textContent = 'window.inlineRan = true';
      doc.body.append(inline);
      doc.body.querySelector('fresk-invite')!.setAttribute('style', 'color: red');
      await waitUntil(() => win.cspViolations.length >= 2, 'the deliberate violations were not reported', { timeout: 2000 });
      expect(win.inlineRan, 'the policy is enforced: inline scripts are blocked').to.equal(undefined);
      const directives = win.cspViolations.map((v) => v.directive).sort();
      expect(directives, JSON.stringify(win.cspViolations)).to.deep.equal(['script-src-elem', 'style-src-attr']);
      expect(win.pageErrors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
