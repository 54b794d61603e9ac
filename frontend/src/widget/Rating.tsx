// After support resolves the conversation: "How was this conversation?" with five labelled choices
// (a radio group: arrow keys move, each option has a name) and an optional comment, once per
// resolution; then a thank-you.
import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { WidgetController } from './controller';
import type { StringKey } from './strings';

const SCORES = [1, 2, 3, 4, 5] as const;
const LABEL: Record<(typeof SCORES)[number], StringKey> = { 1: 'rate1', 2: 'rate2', 3: 'rate3', 4: 'rate4', 5: 'rate5' };

function Star({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true" focusable="false">
      <path
        d="M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3L2.9 9.5l6.3-.9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function RatingCard({ controller }: { controller: WidgetController }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { t } = controller;
  const [score, setScore] = useState(0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState('');
  const id = useId();
  const chat = s.chat;
  if (!chat || chat.status !== 'resolved' || s.blocked) return null;
  if (chat.rating) {
    return (
      <div className="pw-rating pw-rating-done" role="status">
        {t('rateThanks')}
      </div>
    );
  }
  const shown = hover || score;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (score) void controller.rate(score, comment);
  };
  return (
    <form className="pw-rating" onSubmit={onSubmit}>
      <fieldset>
        <legend id={`${id}-title`} className="pw-rating-title">
          {t('rateTitle')}
        </legend>
        <div className="pw-stars" onMouseLeave={() => setHover(0)}>
          {SCORES.map((n) => (
            <span key={n} className="pw-star" onMouseEnter={() => setHover(n)}>
              {/* The real radio lies transparent over its star: clicks, touch and keys all reach it. */}
              <input type="radio" id={`${id}-${n}`} name={`${id}-score`} value={n} checked={score === n} onChange={() => setScore(n)} />
              <label htmlFor={`${id}-${n}`} className={n <= shown ? 'pw-star-on' : ''}>
                <Star filled={n <= shown} />
                <span className="pw-sr">{t('rateChoice', { n, label: t(LABEL[n]) })}</span>
              </label>
            </span>
          ))}
        </div>
        <p className="pw-rating-label" aria-hidden="true">
          {shown ? t(LABEL[shown as (typeof SCORES)[number]]) : '\u00a0'}
        </p>
      </fieldset>
      {score > 0 && (
        <>
          <label htmlFor={`${id}-comment`} className="pw-email-label">
            {t('rateComment')}
          </label>
          <textarea id={`${id}-comment`} rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
          <button type="submit" className="pw-small-btn" disabled={s.ratingBusy}>
            {t('rateSend')}
          </button>
        </>
      )}
      {s.ratingError && (
        <p className="pw-error-text" role="alert">
          {s.ratingError}
        </p>
      )}
    </form>
  );
}
