import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { reasonMessage } from '../shared/i18n.ts';
import { errorView, loadingView } from '../shared/status.ts';
import { DeskScreen } from './desk-screen.ts';
import './desk-missions.ts';
import './desk-facilitators.ts';
import './desk-retributions.ts';
import './desk-invoicing.ts';
import './desk-activity.ts';

export { retributionFileName, retributionRequestCsv } from './desk-retributions.component.ts';
export type { RetributionRequest, StaffMission } from './desk-screen.ts';

export type DeskTab = 'missions' | 'facilitators' | 'retributions' | 'invoicing' | 'activity';
const TABS: DeskTab[] = ['missions', 'facilitators', 'retributions', 'invoicing', 'activity'];

/**
 * @summary The association staff's desk, one screen at a time: Missions (create from a won opportunity,
 * edit an open mission's order, delivered / ordered), Animateur·ices (compliance), Rétributions (requests
 * and coordination fees, CSV, "marquer comme traitée"), Facturation ("marquer comme facturée") and Bilan
 * (the yearly figures). Each screen is its own element (`fresk-desk-*`); this one only switches them.
 *
 * Needs a staff (`role: "admin"`) token; any other token gets a "staff only" message (the server's
 * answer to one admin call decides: the JWT is not decoded). `<fresk-missions>` shows it by itself to staff.
 * Put it inside a `<fresk-token api token>` or give it `api` and `token` itself.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart heading - The desk's title.
 * @csspart tabs - The screens' navigation.
 *
 * @cssproperty --fresk-color-primary - Buttons and links.
 * @cssproperty --fresk-color-border - Card and table borders.
 * @cssproperty --fresk-color-muted - Secondary text.
 */
export class FreskStaffDeskElement extends DeskScreen {
  /** The screen shown: `missions` (default), `facilitators`, `retributions`, `invoicing` or `activity`. */
  @property() screen: DeskTab = 'missions';

  /** A retribution request to open on, from the retribution email's link: shows Rétributions and downloads its CSV. */
  @property() request?: string;

  @state() private shown?: DeskTab;

  private readonly staffTask = new Task(this, {
    task: async ([client], { signal }) => (client ? client.admin.retributionRequests.query({ limit: 1 }, { signal }).then(() => true) : initialState),
    args: () => [this.client] as const,
    onError: (e) => void this.failed(e),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('screen') || changed.has('request')) this.shown = this.request ? 'retributions' : this.screen;
  }

  /** Asks the server again whether this token is staff's. */
  reload(): Promise<void> {
    return this.staffTask.run();
  }

  private show(tab: DeskTab): void {
    this.shown = tab;
  }

  protected override render() {
    const t = this.t;
    return html`<h2 part="heading" tabindex="-1">${t.heading}</h2>
      ${this.staffTask.render({
        pending: () => loadingView(t.loading),
        complete: () => html`<nav part="tabs" aria-label=${t.screens}>
            <ul>
              ${TABS.map(
                (tab) => html`<li>
                  <button type="button" data-tab=${tab} aria-current=${tab === this.shown ? 'page' : 'false'} @click=${() => this.show(tab)}>${t.tabs[tab]}</button>
                </li>`,
              )}
            </ul>
          </nav>
          ${this.renderScreen()}`,
        error: (e) => {
          const reason = this.reasonOf(e);
          return errorView(reason === 'forbidden' ? t.forbidden : reasonMessage(this.localize.lang, reason), t.retry, () => void this.reload());
        },
      })}`;
  }

  private renderScreen() {
    const lang = this.localize.lang;
    switch (this.shown) {
      case 'facilitators':
        return html`<fresk-desk-facilitators data-screen lang=${lang}></fresk-desk-facilitators>`;
      case 'retributions':
        return html`<fresk-desk-retributions data-screen lang=${lang} .request=${this.request}></fresk-desk-retributions>`;
      case 'invoicing':
        return html`<fresk-desk-invoicing data-screen lang=${lang}></fresk-desk-invoicing>`;
      case 'activity':
        return html`<fresk-desk-activity data-screen lang=${lang}></fresk-desk-activity>`;
      default:
        return html`<fresk-desk-missions data-screen lang=${lang}></fresk-desk-missions>`;
    }
  }
}
