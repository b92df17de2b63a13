/**
 * The widget's styles as constructable stylesheets, adopted into each
 * widget's shadow root: no <style> or <link> is added to the host page (which
 * may forbid inline styles with a CSP), host rules cannot reach inside, and
 * the lab's rules cannot leak out. The lab's sheet is written for a page
 * (`:root`, `body`); inside a shadow root those become `:host` and the widget.
 * One set of sheets per document, shared by every widget on it.
 */
import labCss from '../view/lab.css?inline';
import stageCss from '../view/stage.css?inline';
import widgetCss from './widget.css?inline';

let sheets: CSSStyleSheet[] | null = null;

/** The lab's page rules, scoped to a shadow root: `:root` is the host; rules about html/body and presenter mode do not apply to a widget. */
export function scopeLabCss(css: string): string {
  return css.replace(/:root\b/g, ':host').replace(/(^|[},]\s*)body\s*\{/g, '$1.kl-root {');
}

export function widgetSheets(): CSSStyleSheet[] {
  if (!sheets) {
    sheets = [scopeLabCss(labCss), scopeLabCss(stageCss), widgetCss].map((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    });
  }
  return sheets;
}
