/**
 * The what-if panel: a button in the top bar and a modal dialog. Its content
 * (and the engine code it plans runs with) loads on first open; a link with
 * `?whatif=…` opens it at start.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../hooks.ts';
import './whatif.css';

const WhatIfBody = lazy(() => import('./WhatIfBody.tsx'));

export function WhatIfPanel() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const [closed, setClosed] = useState(0);
  const open = () => {
    setOpened(true);
    dialog.current?.showModal();
  };
  useEffect(() => {
    if (new URLSearchParams(location.search).has('whatif')) open();
  }, []);
  return (
    <>
      <button type="button" className="btn" data-testid="whatif" title={t('whatif.openTitle')} onClick={open}>
        {t('whatif.open')}
      </button>
      {/* In the document's body: the button may sit in the top bar's closed More panel (display: none hides a modal dialog too). */}
      {createPortal(
        <dialog ref={dialog} className="whatif" aria-labelledby="whatif-title" onClose={() => setClosed((n) => n + 1)} data-testid="whatif-panel">
          <header>
            <h2 id="whatif-title">{t('whatif.title')}</h2>
            <button type="button" className="btn" onClick={() => dialog.current?.close()}>
              {t('whatif.close')}
            </button>
          </header>
          {opened && (
            <Suspense fallback={<p>…</p>}>
              <WhatIfBody close={() => dialog.current?.close()} closed={closed} />
            </Suspense>
          )}
        </dialog>,
        document.body,
      )}
    </>
  );
}
