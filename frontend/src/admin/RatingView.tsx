// A visitor's rating of the latest resolution (Chat.rating): stars with a spoken label, and the comment.
import type { Rating } from '../shared/types';
import type { Translate } from './strings';

export function Stars({ score, t }: { score: number; t: Translate }) {
  const n = Math.max(0, Math.min(5, Math.round(score)));
  return (
    <span className="stars" role="img" aria-label={t('ratedLabel', { score: n })}>
      <span className="stars-on">{'★'.repeat(n)}</span>
      <span className="stars-off">{'☆'.repeat(5 - n)}</span>
    </span>
  );
}

/** The small mark in a chat list row. */
export function RatingMark({ rating, t }: { rating: Rating; t: Translate }) {
  return (
    <span className={`pill pill-rating score-${rating.score}`} role="img" aria-label={t('ratedLabel', { score: rating.score })}>
      ★ {rating.score}
    </span>
  );
}

/** Under the chat's header: the score and, when given, the visitor's words. */
export function RatingBox({ rating, t }: { rating: Rating; t: Translate }) {
  return (
    <div className="rating-box">
      <span className="rating-title">{t('ratingTitle')}</span>
      <Stars score={rating.score} t={t} />
      <span className="rating-score" aria-hidden="true">
        {t('ratedShort', { score: rating.score })}
      </span>
      {rating.comment && <q className="rating-comment">{rating.comment}</q>}
    </div>
  );
}
