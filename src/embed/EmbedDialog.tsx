/**
 * The lab's Embed button: a dialog with the iframe and custom-element
 * snippets for the run on screen (its scenario, seed, lesson and language),
 * each with a Copy button. Item of the full lab only; the widget never loads it.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { lessonPlayer } from '../state/lessonPlayer.ts';
import { PRESETS } from '../state/presets.ts';
import { scenarioName } from '../i18n/scenarioText.ts';
import { useT } from '../view/hooks.ts';
import { elementSnippet, iframeSnippet, type SnippetRun } from './snippets.ts';
import { runQuery } from './links.ts';
import './dialog.css';

export function EmbedButton() {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" title={t('embed.buttonTitle')} onClick={() => (setOpen(true), ref.current?.showModal())} data-testid="embed">
        {t('embed.button')}
      </button>
      {/* In the document's body: the button sits in the top bar's More panel, hidden once it closes. */}
      {createPortal(
        <dialog ref={ref} className="embed-dialog" aria-labelledby="embed-title" onClose={() => setOpen(false)} data-testid="embed-dialog">
          {open && <EmbedBody close={() => ref.current?.close()} />}
        </dialog>,
        document.body,
      )}
    </>
  );
}

function EmbedBody({ close }: { close(): void }) {
  const t = useT();
  const lab = useLabStore();
  const lesson = useStore(lessonPlayer(lab).store, (s) => s.lesson?.id ?? null);
  const presetId = useLab((s) => s.presetId);
  const info = useLab((s) => s.info);
  const lang = useLab((s) => s.lang);
  const preset = PRESETS.some((p) => p.id === presetId) ? presetId : null;
  // The run as it stands when the dialog opens (its log and moment), for the iframe.
  const [query, setQuery] = useState<string | null>(null);
  useEffect(() => void runQuery(lab.getState()).then(setQuery, () => setQuery(null)), [lab]);
  const run: SnippetRun = {
    runQuery: query,
    scenario: preset,
    seed: info?.seed ?? null,
    lesson,
    lang,
    root: new URL('.', document.baseURI).href,
    title: t('embed.label', { name: info ? scenarioName(lang, presetId, info.name) : presetId }),
  };
  return (
    <div className="embed-body">
      <h2 id="embed-title">{t('embed.title')}</h2>
      <p>{t('embed.intro')}</p>
      <Snippet label={t('embed.iframe')} text={iframeSnippet(run)} id="iframe" />
      <Snippet label={t('embed.element')} text={elementSnippet(run)} id="element" />
      <p className="embed-note">{t('embed.note')}</p>
      <button type="button" className="btn primary" onClick={close} data-testid="embed-close">
        {t('embed.close')}
      </button>
    </div>
  );
}

function Snippet({ label, text, id }: { label: string; text: string; id: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission (an insecure origin, a test browser): select the text for Ctrl+C instead.
      area.current?.select();
    }
    setCopied(true);
  };
  return (
    <div className="embed-snippet">
      <label htmlFor={`embed-${id}`}>{label}</label>
      <textarea id={`embed-${id}`} ref={area} readOnly value={text} rows={id === 'element' ? 3 : 2} spellCheck={false} data-testid={`embed-${id}`} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="btn small" onClick={() => void copy()} data-testid={`embed-copy-${id}`}>
        {copied ? t('embed.copied') : t('embed.copy')}
      </button>
    </div>
  );
}
