// An image of the chat at full size: a modal dialog that keeps focus inside, closes on Esc and
// moves between the chat's images with the arrow keys; focus goes back where it came from.
import { useEffect, useId, useRef } from 'react';
import type { Attachment } from '../shared/types';
import { absolute } from './files';
import type { Translate } from './strings';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function Lightbox({
  images,
  index,
  origin,
  t,
  onIndex,
  onClose,
}: {
  images: Attachment[];
  index: number;
  origin: string;
  t: Translate;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const image = images[index];
  const total = images.length;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);

  const go = (delta: number) => onIndex((index + delta + total) % total);

  // On the document, not the dialog: a click on the picture must not leave Esc and the arrows dead.
  const onKeyDown = (e: globalThis.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowRight' && total > 1) {
      e.preventDefault();
      go(1);
    } else if (e.key === 'ArrowLeft' && total > 1) {
      e.preventDefault();
      go(-1);
    } else if (e.key === 'Tab') {
      const nodes = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      if (!nodes.length) return;
      const first = nodes[0];
      const last = nodes[nodes.length - 1];
      const inside = ref.current?.contains(document.activeElement) ?? false;
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  const handler = useRef(onKeyDown);
  handler.current = onKeyDown;
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => handler.current(e);
    document.addEventListener('keydown', listener, true);
    return () => document.removeEventListener('keydown', listener, true);
  }, []);

  if (!image) return null;

  return (
    <div className="lightbox-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="lightbox" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <div className="lightbox-bar">
          <h2 id={titleId} className="lightbox-title">
            <span className="sr-only">{t('lightbox')}: </span>
            {image.name}
          </h2>
          {total > 1 && <span className="lightbox-count">{t('lightboxCount', { index: index + 1, total })}</span>}
          <a className="btn-ghost" href={absolute(origin, image.url)} target="_blank" rel="noopener noreferrer">
            {t('lightboxOriginal')}
          </a>
          <button type="button" className="btn-ghost lightbox-close" ref={closeRef} onClick={onClose} aria-label={t('lightboxClose')}>
            ×
          </button>
        </div>
        <div className="lightbox-stage">
          {total > 1 && (
            <button type="button" className="lightbox-nav prev" onClick={() => go(-1)} aria-label={t('lightboxPrev')}>
              ‹
            </button>
          )}
          <img
            key={image.id}
            src={absolute(origin, image.url)}
            alt={image.name}
            {...(image.width && image.height ? { width: image.width, height: image.height } : {})}
          />
          {total > 1 && (
            <button type="button" className="lightbox-nav next" onClick={() => go(1)} aria-label={t('lightboxNext')}>
              ›
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
