/**
 * The app's entry: reads the URL (?scenario=<preset id>, ?lang=zh-CN,
 * ?worker=0 to run the engine on the main thread), then mounts one lab.
 * A bad parameter is reported in the lab, which starts with the default scenario.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LabProvider } from './state/LabProvider.tsx';
import { PRESETS, loadPreset } from './state/presets.ts';
import { FIRST_LOOK } from './state/defaultScenario.ts';
import { Lab } from './view/Lab.tsx';
import { ErrorBoundary } from './view/ErrorBoundary.tsx';
import type { Lang } from './i18n/index.ts';
import './view/lab.css';

async function boot() {
  const q = new URLSearchParams(location.search);
  const lang: Lang = q.get('lang') === 'zh-CN' || q.get('lang') === 'zh' ? 'zh-CN' : 'en';
  let scenario: unknown = FIRST_LOOK;
  let presetId = 'first-look';
  let startupError: { where: string; reason: string } | undefined;
  const want = q.get('scenario');
  if (want) {
    const p = PRESETS.find((x) => x.id === want);
    if (!p) startupError = { where: 'URL ?scenario', reason: `no scenario "${want}"; known: ${PRESETS.map((x) => x.id).join(', ')}` };
    else {
      try {
        scenario = await loadPreset(p);
        presetId = p.id;
      } catch (e) {
        startupError = { where: `URL ?scenario=${want}`, reason: e instanceof Error ? e.message : String(e) };
      }
    }
  }
  const root = createRoot(document.getElementById('root')!);
  const mount = () =>
    root.render(
      <StrictMode>
        <ErrorBoundary lang={lang} onReset={mount}>
          <LabProvider key={Date.now()} scenario={scenario} presetId={presetId} lang={lang} preferWorker={q.get('worker') !== '0'} startupError={startupError}>
            <Lab />
          </LabProvider>
        </ErrorBoundary>
      </StrictMode>,
    );
  mount();
}

void boot();
