/**
 * <kafka-lab>: the widget as a custom element, defined by the one script tag
 * `<script type="module" src=".../embed/kafka-lab.js">`. Its attributes are
 * the widget's options (options.ts); its methods are the postMessage API's,
 * each checked the same way and answering with a promise; its events are
 * CustomEvents (ready, time, anomaly, lesson-step, error) with the data as
 * `detail`. Every element is its own lab with its own engine; changing an
 * attribute starts that widget again with the new options.
 */
import { OPTION_NAMES, readOptions, type OptionName } from './options.ts';
import { loadCatalog, translate } from '../i18n/index.ts';
import { mountWidget, problemVars, type MountedWidget } from './mount.tsx';
import { PROTOCOL, readRequest, type Method } from './messages.ts';
import { parseLang } from '../i18n/lang.ts';

export class KafkaLabElement extends HTMLElement {
  static readonly observedAttributes = [...OPTION_NAMES];
  private widget: MountedWidget | null = null;
  private scheduled = false;

  connectedCallback() {
    this.schedule();
  }

  disconnectedCallback() {
    // Moved within the page: connectedCallback comes right after and remounts.
    this.widget?.destroy();
    this.widget = null;
  }

  attributeChangedCallback() {
    if (this.isConnected) this.schedule();
  }

  /** One mount per task, after the parser or a script has set every attribute. */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.isConnected) return;
      this.widget?.destroy();
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const pageLang = parseLang(this.closest('[lang]')?.getAttribute('lang')) ?? 'en';
      const { options, problems } = readOptions((n: OptionName) => this.getAttribute(n), pageLang);
      if (options.height) this.style.setProperty('--kl-height', /^\d+$/.test(options.height) ? `${options.height}px` : options.height);
      else this.style.removeProperty('--kl-height');
      // In English (the widget says them in its own language): English is loaded for them only when there are any.
      if (problems.length) void loadCatalog('en').then(() => { for (const p of problems) console.warn(`<kafka-lab> ${translate('en', 'embed.badOption', problemVars('en', p))}`); });
      this.widget = mountWidget(shadow, options, problems, {
        base: document.baseURI,
        emit: (event, data) => this.dispatchEvent(new CustomEvent(event, { detail: data })),
      });
    });
  }

  private call(method: Method, args?: unknown): Promise<unknown> {
    const r = readRequest({ kafkaLab: PROTOCOL, method, ...(args === undefined ? {} : { args }) });
    if (!r.ok) {
      console.warn(`<kafka-lab> ${method}: ignored (${r.reason})`);
      return Promise.reject(new TypeError(`${method}: ${r.reason}`));
    }
    if (!this.widget) return Promise.reject(new Error(`${method}: the widget is not on the page`));
    return this.widget.api.call(r.request);
  }

  play() { return this.call('play'); }
  pause() { return this.call('pause'); }
  step() { return this.call('step'); }
  seek(t: number) { return this.call('seek', { t }); }
  load(scenario: string | object) { return this.call('load', { scenario }); }
  setConfig(change: object) { return this.call('setConfig', change); }
  fault(fault: object) { return this.call('fault', fault); }
  getFates() { return this.call('getFates'); }
  getState() { return this.call('getState'); }
}

if (!customElements.get('kafka-lab')) customElements.define('kafka-lab', KafkaLabElement);

declare global {
  interface HTMLElementTagNameMap {
    'kafka-lab': KafkaLabElement;
  }
}
