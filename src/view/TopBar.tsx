/**
 * Title, scenario presets, lessons, replay, share, presenter mode and
 * language in one line; what if, opening a file, a new seed, start over,
 * embed, the seed and the engine under More (MoreMenu.tsx). A scenario is named in the menu only once the
 * engine has loaded it: a refused file changes nothing on screen. Changing
 * the scenario or the seed while a lesson runs ends the lesson, after asking.
 */
import { useRef } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { PRESETS, loadPreset } from '../state/presets.ts';
import type { Command } from '../timeline/protocol.ts';
import { presetLabel, scenarioName } from '../i18n/scenarioText.ts';
import { useT } from './hooks.ts';
import { LessonsButton } from './LessonPanel.tsx';
import { checkScenarioSize, decodeScenarioBytes } from '../engine/scenario/scenarioText.ts';
import { readScenarioTextLocated } from '../state/scenarioFile.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { WhatIfPanel } from './whatif/WhatIfPanel.tsx';
import { ask, useKeyContext, useStage } from './stage.ts';
import { ariaKeys, runAction } from './keymap.ts';
import { ShareMenu } from './ShareMenu.tsx';
import { looksLikeRun, parseRun } from '../share/runFile.ts';
import { lessonById, openRun } from '../share/labRun.ts';
import { formatMs } from '../i18n/index.ts';
import { EmbedButton } from '../embed/EmbedDialog.tsx';
import { MoreMenu } from './MoreMenu.tsx';
import { NARROW, UNDER_1280, useMedia } from './media.ts';
import './chrome.css';

export function TopBar() {
  const t = useT();
  const keys = useKeyContext();
  const presenter = useStage((s) => s.presenter);
  /** True to go on: no lesson is open, or the user agreed to end it. */
  const mayLeaveLesson = async () => {
    if (!keys.player.store.getState().lesson) return true;
    if (!(await ask(keys.stage, t('ask.endLesson')))) return false;
    keys.player.close();
    return true;
  };
  const reset = async (seed: Extract<Command, { type: 'reset' }>['seed']) => {
    if (await mayLeaveLesson()) send({ type: 'reset', seed });
  };
  const lab = useLabStore();
  /** Replay: the whole run again from t=0, the user's config changes and faults at their times. */
  const replay = async () => {
    const st = lab.getState();
    if (!(await mayLeaveLesson())) return;
    send(st.run ? { type: 'restore', run: st.run, t: 0, speed: st.speed } : { type: 'reset', seed: 'same' });
  };
  /** A run file from Open file…: checked whole before anything runs, then replayed to its moment. */
  const openRunFile = async (json: unknown, name: string) => {
    const parsed = parseRun(json);
    const o = parsed.ok ? await openRun(parsed.value, name) : parsed;
    if (!o.ok) return notify({ tone: 'error', key: 'share.notice.file', vars: { file: name, where: '', problem: '' }, run: o.problem });
    const lesson = lessonById(o.value.run.lesson);
    set({ pendingPresetId: lesson ? `lesson:${lesson.id}` : o.value.presetId });
    send({ type: 'restore', run: o.value.record, t: o.value.t, speed: lab.getState().speed });
    if (lesson) keys.player.resume(lesson, o.value.run.step ?? -1, o.value.t);
    notify({ tone: 'info', key: 'run.opened', vars: { file: name, t: formatMs(o.value.t) } });
  };
  const send = useLab((s) => s.send);
  const set = useLab((s) => s.set);
  const notify = useLab((s) => s.notify);
  const lang = useLab((s) => s.lang);
  const engine = useLab((s) => s.engine);
  const presetId = useLab((s) => s.presetId);
  const info = useLab((s) => s.info);
  const file = useRef<HTMLInputElement>(null);
  const narrow = useMedia(NARROW);
  // Under 1280 px Share, Save run and Export go under More too; on a phone Replay and Present as well.
  const compact = useMedia(UNDER_1280);
  const fail = (where: string, e: unknown) => notify({ tone: 'error', key: 'error.generic', vars: { where, reason: e instanceof ScenarioError ? e.problem : e instanceof Error ? e.message : String(e), command: 'load' }, ...(e instanceof ScenarioError ? { problem: { code: e.code, args: e.args } } : {}) });
  const seedAndEngine = (
    <p className="more-info">
      <span className="seed">{t('app.seed', { seed: info?.seed ?? '–' })}</span>
      {' · '}
      <span className="engine-mode" data-testid="engine-mode" data-mode={engine} title={t(`app.engine.${engine}`)}>
        {t(`app.engineShort.${engine}`)}
      </span>
    </p>
  );
  const replayButton = (
    <button type="button" className="btn" onClick={() => void replay()} title={t('run.replayTitle')} data-testid="replay">
      {t('app.reset')}
    </button>
  );
  const presenterButton = (
    <button type="button" className={presenter ? 'btn presenter-toggle on' : 'btn presenter-toggle'} aria-pressed={presenter} aria-keyshortcuts={ariaKeys('presenter')} onClick={() => runAction('presenter', keys)} data-testid="presenter">
      {t('keys.presenterButton')}
    </button>
  );
  return (
    // One line at every width: the everyday controls in the bar, the rest under More.
    <header className="topbar">
      <h1>{t('app.title')}</h1>
      <label className="preset">
        <span>{t('app.preset')}</span>
        <select
          value={presetId}
          data-testid="preset"
          onChange={async (e) => {
            const p = PRESETS.find((x) => x.id === e.target.value);
            if (!p || !(await mayLeaveLesson())) return;
            try {
              const scenario = await loadPreset(p);
              set({ pendingPresetId: p.id });
              send({ type: 'load', scenario });
            } catch (err) {
              fail(p.id, err);
            }
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {presetLabel(lang, p)}
            </option>
          ))}
          {!PRESETS.some((p) => p.id === presetId) && <option value={presetId}>{info ? scenarioName(lang, presetId, info.name) : presetId}</option>}
        </select>
      </label>
      <LessonsButton />
      {!narrow && replayButton}
      {!compact && <ShareMenu />}
      <MoreMenu>
        {narrow && replayButton}
        <WhatIfPanel />
        <button type="button" className="btn" onClick={async () => (await mayLeaveLesson()) && file.current?.click()} data-testid="open-file">
          {t('app.loadFile')}
        </button>
        <button type="button" className="btn" onClick={() => void reset(Math.floor(Math.random() * 1e9))} title={t('run.newSeedTitle')} data-testid="new-seed">
          {t('app.resetNew')}
        </button>
        <button type="button" className="btn" onClick={() => void reset('same')} title={t('run.startOverTitle')} data-testid="start-over">
          {t('run.startOver')}
        </button>
        {compact && <ShareMenu />}
        <EmbedButton />
        {narrow && presenterButton}
        {seedAndEngine}
      </MoreMenu>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          try {
            // The same reading as the CLI's (size limit, byte-order mark, JSON); the host validates the rest
            // and the menu shows the file's name only once it has loaded.
            checkScenarioSize(f.size);
            const json = await readScenarioTextLocated(decodeScenarioBytes(new Uint8Array(await f.arrayBuffer())));
            if (looksLikeRun(json)) return void (await openRunFile(json, f.name));
            set({ pendingPresetId: f.name });
            send({ type: 'load', scenario: json });
          } catch (err) {
            fail(f.name, err);
          }
        }}
      />
      {!narrow && presenterButton}
      <button type="button" className="btn lang" onClick={() => set({ lang: lang === 'en' ? 'zh-CN' : 'en' })} title={t('app.langLabel')} data-testid="lang" lang={lang === 'en' ? 'zh-CN' : 'en'}>
        {t('app.lang')}
      </button>
    </header>
  );
}
