// A message's files in the timeline: images as thumbnails sized before they load (no layout
// shift), other files as a download link with a human size. Names are rendered as text.
import type { Attachment } from '../shared/types';
import { formatFileSize } from '../shared/uploads';
import { absolute, isImage, thumbSize } from './files';
import type { Lang, Translate } from './strings';

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
  onOpen: (attachmentId: string) => void;
}) {
  if (!attachments.length) return null;
  return (
    <ul className="attachments">
      {attachments.map((a) =>
        isImage(a) ? (
          <li key={a.id} className="att-image">
            <button type="button" className="thumb" onClick={() => onOpen(a.id)} aria-label={t('openImage', { name: a.name })}>
              <img src={absolute(origin, a.thumbnail_url ?? a.url)} alt={a.name} {...thumbSize(a)} loading="lazy" decoding="async" />
            </button>
          </li>
        ) : (
          <li key={a.id} className="att-file">
            <a href={absolute(origin, a.url)} download={a.name} rel="noopener" title={t('download', { name: a.name })}>
              <span className="file-icon" aria-hidden="true">
                <FileIcon />
              </span>
              <span className="file-name">{a.name}</span>
              <span className="file-size">{formatFileSize(a.size, lang)}</span>
            </a>
          </li>
        ),
      )}
    </ul>
  );
}

export function FileIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}
