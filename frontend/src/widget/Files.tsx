// The widget's files on screen: the paperclip, a chip per file in the composer (progress, cancel,
// a plain reason, retry), a message's attachments (thumbnails sized before they load, download
// links with sizes) and a simple full-size viewer inside the panel.
import { useEffect, useId, useRef } from 'react';
import type { Attachment } from '../shared/types';
import { formatFileSize, type UploadErrorKind } from '../shared/uploads';
import type { Lang } from './config';
import { absolute, isImage, RETRYABLE, thumbSize, type FileDraft } from './files';
import type { StringKey } from './strings';

type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

const REASON: Record<UploadErrorKind, StringKey> = {
  too_big: 'uploadTooBig',
  not_allowed: 'uploadNotAllowed',
  invalid: 'uploadInvalid',
  rate: 'uploadRate',
  forbidden: 'uploadForbidden',
  auth: 'uploadAuth',
  network: 'uploadNetwork',
  aborted: 'uploadOther',
  other: 'uploadOther',
};

export function reasonText(d: FileDraft, t: Translate): string {
  if (!d.error) return '';
  if (d.error === 'rate') return d.retryAfter ? t('uploadRate', { n: d.retryAfter }) : t('uploadRateNoTime');
  return t(REASON[d.error]);
}

export function FileIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}

export function AttachButton({ t, onFiles }: { t: Translate; onFiles: (files: File[]) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        id={id}
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        data-testid="pw-file-input"
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <button type="button" className="pw-attach" aria-label={t('attachFiles')} title={t('attachHint')} onClick={() => input.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M20.5 11.5l-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
    </>
  );
}

export function FileChips({
  files,
  lang,
  t,
  onRemove,
  onRetry,
}: {
  files: FileDraft[];
  lang: Lang;
  t: Translate;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}) {
  if (!files.length) return null;
  return (
    <ul className="pw-chips" aria-label={t('filesInComposer')}>
      {files.map((d) => {
        const percent = d.size ? Math.min(100, Math.round((d.loaded / d.size) * 100)) : 0;
        const uploading = d.state === 'uploading';
        const failed = d.state === 'failed';
        return (
          <li key={d.key} className={`pw-chip pw-chip-${d.state}`}>
            <span className="pw-chip-icon" aria-hidden="true">
              <FileIcon />
            </span>
            <span className="pw-chip-body">
              <span className="pw-chip-name">{d.name}</span>
              {failed ? (
                <span className="pw-error-text" role="alert">
                  {reasonText(d, t)}
                </span>
              ) : uploading ? (
                <span className="pw-chip-progress">
                  <progress max={100} value={percent} aria-label={t('uploading', { name: d.name })} />
                  <span aria-hidden="true">{t('uploadProgress', { percent })}</span>
                </span>
              ) : (
                <span className="pw-chip-meta">
                  {formatFileSize(d.size, lang)} · {t('uploaded')}
                </span>
              )}
            </span>
            {failed && d.error && RETRYABLE.has(d.error) && (
              <button type="button" className="pw-link pw-link-small" onClick={() => onRetry(d.key)} aria-label={t('retryUpload', { name: d.name })}>
                {t('retry')}
              </button>
            )}
            <button
              type="button"
              className="pw-chip-x"
              onClick={() => onRemove(d.key)}
              aria-label={uploading ? t('cancelUpload', { name: d.name }) : t('removeFile', { name: d.name })}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function AttachmentList({
  attachments,
  origin,
  lang,
  t,
  onOpen,
}: {
  attachments: Attachment[];
  origin: string;
  lang: Lang;
  t: Translate;
  onOpen: (a: Attachment) => void;
}) {
  if (!attachments.length) return null;
  return (
    <ul className="pw-files">
      {attachments.map((a) =>
        isImage(a) ? (
          <li key={a.id}>
            <button type="button" className="pw-thumb" onClick={() => onOpen(a)} aria-label={t('openImage', { name: a.name })}>
              <Thumb a={a} origin={origin} />
            </button>
          </li>
        ) : (
          <li key={a.id}>
            <a className="pw-file" href={absolute(origin, a.url)} download={a.name} rel="noopener" title={t('download', { name: a.name })}>
              <span className="pw-file-icon" aria-hidden="true">
                <FileIcon />
              </span>
              <span className="pw-file-name">{a.name}</span>
              <span className="pw-file-size">{formatFileSize(a.size, lang)}</span>
            </a>
          </li>
        ),
      )}
    </ul>
  );
}

/** The box is fixed by the message's width and height, whatever the file turns out to be: no shift. */
function Thumb({ a, origin }: { a: Attachment; origin: string }) {
  const size = thumbSize(a);
  return (
    <img
      src={absolute(origin, a.thumbnail_url ?? a.url)}
      alt={a.name}
      {...size}
      style={{ aspectRatio: `${size.width} / ${size.height}` }}
      loading="lazy"
      decoding="async"
    />
  );
}

const FOCUSABLE = 'button, [href]';

/**
 * One image at full size over the panel: a modal dialog that keeps focus inside, closes on Esc
 * (without closing the chat) or on a click beside the picture, and gives focus back to the
 * thumbnail it was opened from.
 */
export function ImageViewer({ image, origin, t, onClose }: { image: Attachment; origin: string; t: Translate; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    // Inside a shadow root document.activeElement is the host element: ask the root instead.
    const root = ref.current?.getRootNode() as Document | ShadowRoot | undefined;
    const opener = root?.activeElement instanceof HTMLElement ? root.activeElement : null;
    closeRef.current?.focus();
    // Capture on the document, before the panel's own Esc handler (on the window) can close the chat.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close.current();
      } else if (e.key === 'Tab') {
        const nodes = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
        if (!nodes.length) return;
        const current = (ref.current?.getRootNode() as Document | ShadowRoot).activeElement;
        const i = nodes.indexOf(current as HTMLElement);
        e.preventDefault();
        nodes[(i + (e.shiftKey ? -1 : 1) + nodes.length) % nodes.length].focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const size = image.width && image.height ? { width: image.width, height: image.height } : {};
  return (
    <div className="pw-viewer" role="dialog" aria-modal="true" aria-label={`${t('imageViewer')}: ${image.name}`} ref={ref} onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="pw-viewer-bar">
        <span className="pw-viewer-title">{image.name}</span>
        <a className="pw-link pw-viewer-link" href={absolute(origin, image.url)} target="_blank" rel="noopener noreferrer">
          {t('openOriginal')}
        </a>
        <button type="button" className="pw-icon-btn" ref={closeRef} onClick={onClose} aria-label={t('closeImage')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="pw-viewer-stage" onClick={(e) => e.target === e.currentTarget && onClose()}>
        <img src={absolute(origin, image.url)} alt={image.name} {...size} />
      </div>
    </div>
  );
}
