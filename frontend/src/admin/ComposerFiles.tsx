// The composer's files: a paperclip that opens the file picker, and a chip per file with its
// progress, Cancel while it uploads, and a plain reason with Retry when it fails.
import { useId, useRef } from 'react';
import type { UploadErrorKind } from '../shared/uploads';
import { formatFileSize } from '../shared/uploads';
import type { Draft } from './drafts';
import { FileIcon } from './Attachments';
import type { Lang, StringKey, Translate } from './strings';

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

/** Worth trying the same bytes again: the connection, the server or the rate limit, not the file. */
const RETRYABLE: ReadonlySet<UploadErrorKind> = new Set(['network', 'rate', 'other']);

export function reasonText(d: Draft, t: Translate): string {
  if (!d.error) return '';
  if (d.error === 'rate') return d.retryAfter ? t('uploadRate', { n: d.retryAfter }) : t('uploadRateNoTime');
  return t(REASON[d.error]);
}

/** Files carried by a paste or a drop (a screenshot pasted from the clipboard is a File too). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  if (data.files && data.files.length) return Array.from(data.files);
  const out: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue;
    const f = item.getAsFile();
    if (f) out.push(f);
  }
  return out;
}

export function hasFiles(data: DataTransfer | null): boolean {
  return Boolean(data && Array.from(data.types ?? []).includes('Files'));
}

export function AttachButton({ disabled, t, onFiles }: { disabled: boolean; t: Translate; onFiles: (files: File[]) => void }) {
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
        data-testid="file-input"
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <button
        type="button"
        className="btn-ghost attach"
        disabled={disabled}
        aria-label={t('attachFiles')}
        title={t('attachHint')}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M20.5 11.5l-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.7"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
    </>
  );
}

export function DraftChips({
  drafts,
  lang,
  t,
  onRemove,
  onRetry,
}: {
  drafts: Draft[];
  lang: Lang;
  t: Translate;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}) {
  if (!drafts.length) return null;
  return (
    <ul className="draft-chips" aria-label={t('filesInComposer')}>
      {drafts.map((d) => {
        const percent = d.size ? Math.min(100, Math.round((d.loaded / d.size) * 100)) : 0;
        const uploading = d.state === 'uploading';
        const failed = d.state === 'failed';
        return (
          <li key={d.key} className={`chip chip-${d.state}`}>
            <span className="chip-thumb" aria-hidden="true">
              {d.preview ? <img src={d.preview} alt="" width={32} height={32} /> : <FileIcon />}
            </span>
            <span className="chip-body">
              <span className="chip-name">{d.name}</span>
              <span className="chip-meta">
                {failed ? (
                  <span className="error-text" role="alert">
                    {reasonText(d, t)}
                  </span>
                ) : uploading ? (
                  <>
                    <progress max={100} value={percent} aria-label={t('uploading', { name: d.name })}>
                      {t('uploadProgress', { percent })}
                    </progress>
                    <span aria-hidden="true">{t('uploadProgress', { percent })}</span>
                  </>
                ) : (
                  <>
                    {formatFileSize(d.size, lang)} · {t('uploaded')}
                  </>
                )}
              </span>
            </span>
            {failed && d.error && RETRYABLE.has(d.error) && (
              <button type="button" className="link" onClick={() => onRetry(d.key)} aria-label={t('retryUpload', { name: d.name })}>
                {t('retry')}
              </button>
            )}
            <button
              type="button"
              className="btn-ghost chip-x"
              onClick={() => onRemove(d.key)}
              aria-label={uploading ? t('cancelUpload', { name: d.name }) : t('removeFile', { name: d.name })}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
