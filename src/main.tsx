/**
 * The app's entry: reads the URL (?scenario=<preset id>, ?lang=zh-CN,
 * ?worker=0 to run the engine on the main thread), then mounts one lab.
 * A bad parameter is reported in the lab, which starts with the default scenario.
 * Without ?lang the language is the one remembered, else the browser's.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LabProvider } from './state/LabProvider.tsx';
import { PRESETS, loadPreset } from './state/presets.ts';
import { FIRST_LOOK } from './state/defaultScenario.ts';
import { Lab } from './view/Lab.tsx';
import { ErrorBoundary } from './view/ErrorBoundary.tsx';
import { chooseLang, pageStorage, rememberLang } from './i18n/lang.ts';
import type { LabStore, Notice } from './state/labStore.ts';
import { decodeRun } from './share/link.ts';
import { lessonById, openRun, syncUrl, type Opened } from './share/labRun.ts';
import { lessonPlayer } from './state/lessonPlayer.ts';
import { stageOf } from './view/stage.ts';
import './view/lab.css';
// The lab switches language at any moment: both catalogs up front (the widget loads only the language it speaks).
import './i18n/catalogEn.ts';
import './i18n/zhCatalog.ts';

async function boot() {
  const q = new URLSearchParams(location.search);
  const { lang, unknown } = chooseLang(q.get('lang'), pageStorage(), navigator.languages);
  // Said in the lab's language of the moment (a notice is a catalog key), naming what was asked and what is spoken.
  const notices: Omit<Notice, 'id'>[] = [];
  if (unknown !== undefined) notices.push({ tone: 'error', key: 'notice.unknownLang', vars: { value: unknown, supported: 'en, zh-CN' } });
  let scenario: unknown = FIRST_LOOK;
  let presetId = 'first-look';
  let startupError: { where: string; reason: string } | undefined;
  // A share link: the whole run (decoded and checked before anything runs; a bad one is a notice, and the lab starts as usual).
  let opened: Opened | undefined;
  const link = await decodeRun(location.search);
  if (link.kind === 'problem') notices.push({ tone: 'error', key: 'share.notice.link', vars: { where: '', problem: '' }, run: link.problem });
  else if (link.kind === 'run') {
    const lesson = lessonById(link.run.lesson);
    const o = await openRun(link.run, lesson ? `lesson:${lesson.id}` : 'link');
    if (o.ok) opened = o.value;
    else notices.push({ tone: 'error', key: 'share.notice.link', vars: { where: '', problem: '' }, run: o.problem });
  }
  const want = opened ? null : q.get('scenario');
  if (opened) presetId = opened.presetId;
  if (want) {
    const p = PRESETS.find((x) => x.id === want);
    if (!p) notices.push({ tone: 'error', key: 'notice.unknownScenario', vars: { value: want, known: PRESETS.map((x) => x.id).join(', ') } });
    else {
      try {
        scenario = await loadPreset(p);
        presetId = p.id;
      } catch (e) {
        startupError = { where: `URL ?scenario=${want}`, reason: e instanceof Error ? e.message : String(e) };
      }
    }
  }
  const resumeLink = (lab: LabStore) => {
    if (opened) {
      const { run } = opened;
      const lesson = lessonById(run.lesson);
      if (lesson) lessonPlayer(lab).resume(lesson, run.step ?? -1, run.t);
      if (run.presenter) stageOf(lab).setState({ presenter: true });
      opened = undefined;
    }
    syncUrl(lab);
  };
  const root = createRoot(document.getElementById('root')!);
  const mount = () =>
    root.render(
      <StrictMode>
        <ErrorBoundary lang={lang} onReset={mount}>
          <LabProvider key={Date.now()} scenario={scenario} presetId={presetId} lang={lang} preferWorker={q.get('worker') !== '0'} startupError={startupError} startupNotices={notices} initialRun={opened ? { record: opened.record, t: opened.t } : undefined} onStore={resumeLink} onLangChange={(l) => rememberLang(pageStorage(), l)}>
            <Lab />
          </LabProvider>
        </ErrorBoundary>
      </StrictMode>,
    );
  mount();
}

void boot();
