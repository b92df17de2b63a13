/**
 * Predict, then reveal: at a lesson step that asks a question, the run waits
 * for an answer. Choosing one (or Next, as a presenter's clicker sends it)
 * reveals which answer is right and why, pointing at what the run shows next.
 */
import { useStore } from 'zustand';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { lessonPlayer } from '../state/lessonPlayer.ts';
import { pick } from './lessonText.ts';
import { useT } from './hooks.ts';

export function PredictionCard() {
  const player = lessonPlayer(useLabStore());
  const lang = useLab((s) => s.lang);
  const t = useT();
  const { lesson, index, pending, chosen, revealed } = useStore(player.store);
  const p = lesson?.steps[index]?.predict;
  if (!lesson || !p || pending) return null;
  const shown = !!revealed[index];
  const mine = chosen[index];
  const right = mine !== undefined && p.answers[mine]?.correct;
  return (
    <div className={`prediction ${shown ? 'revealed' : 'asking'}`} role="group" aria-labelledby="prediction-q" data-testid="prediction" data-revealed={shown ? 'true' : 'false'}>
      <p className="prediction-title">{t('lesson.predict.title')}</p>
      <p className="prediction-question" id="prediction-q" data-testid="prediction-question">
        {pick(lang, p.question)}
      </p>
      <div className="prediction-answers">
        {p.answers.map((a, i) => {
          const cls = shown ? (a.correct ? 'correct' : i === mine ? 'wrong' : 'other') : '';
          return (
            <button key={i} type="button" className={`btn prediction-answer ${cls}`} disabled={shown} aria-pressed={i === mine} onClick={() => player.answer(i)} data-testid={`prediction-answer-${i + 1}`} data-correct={shown ? String(a.correct) : undefined}>
              {String.fromCharCode(65 + i)}. {pick(lang, a.text)}
              {shown && a.correct && <span className="prediction-mark"> ✓ {t('lesson.predict.correct')}</span>}
              {shown && !a.correct && i === mine && <span className="prediction-mark"> ✗ {t('lesson.predict.yours')}</span>}
            </button>
          );
        })}
      </div>
      {shown ? (
        <p className="prediction-why" data-testid="prediction-why" aria-live="polite">
          {mine !== undefined && <b>{right ? t('lesson.predict.right') : t('lesson.predict.wrong')} </b>}
          {mine === undefined && <b>{t('lesson.predict.shown')} </b>}
          {pick(lang, p.why)} <em>{t('lesson.predict.next')}</em>
        </p>
      ) : (
        <p className="prediction-hint">{t('lesson.predict.hint')}</p>
      )}
    </div>
  );
}
