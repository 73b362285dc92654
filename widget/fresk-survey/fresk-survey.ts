import { FreskSurvey } from './fresk-survey.component.ts';

export { FreskSurvey };

if (!customElements.get('fresk-survey')) customElements.define('fresk-survey', FreskSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-survey': FreskSurvey;
  }
}
