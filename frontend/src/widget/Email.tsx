// Offline mode and email: when nobody can answer now (or a first reply is slow in coming), an
// optional email field; once an email is known, where missed replies go, a way to change it, and
// "Send me the transcript".
import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { WidgetController } from './controller';

export function EmailRow({ controller }: { controller: WidgetController }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { t } = controller;
  const form = controller.emailFormShown();
  const absence = controller.absence();
  if (s.blocked || s.view !== 'chat') return null;
  if (!controller.emailEnabled()) {
    // No mail from this server: say plainly that nobody is there, and promise nothing by email.
    return absence ? (
      <div className="pw-email-bar" role="status">
        {t(absence === 'hours' ? 'outsideHoursNoEmail' : 'offlineNoEmail')}
      </div>
    ) : null;
  }
  if (form) return <EmailForm controller={controller} form={form} />;
  if (!s.email && !s.chat) return null;
  return (
    <div className="pw-email-bar">
      {s.email && (
        <>
          <span className="pw-email-text">{t(absence ? 'emailOffline' : 'emailKnown', { email: s.email })}</span>
          <button type="button" className="pw-link pw-link-small" onClick={() => controller.openEmailForm('change')}>
            {t('changeEmail')}
          </button>
        </>
      )}
      {s.chat &&
        (s.transcript === 'sent' && s.email ? (
          <span role="status" className="pw-email-done">
            {t('transcriptSent', { email: s.email })}
          </span>
        ) : (
          <button
            type="button"
            className="pw-link pw-link-small"
            disabled={s.transcript === 'sending'}
            onClick={() => void controller.sendTranscript()}
          >
            {t('sendTranscript')}
          </button>
        ))}
      {s.transcript === 'failed' && (
        <span role="alert" className="pw-error-text">
          {t('transcriptFailed')}
        </span>
      )}
    </div>
  );
}

function EmailForm({ controller, form }: { controller: WidgetController; form: 'prompt' | 'change' | 'transcript' }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { t } = controller;
  const [value, setValue] = useState(form === 'change' ? (s.email ?? '') : '');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const absence = controller.absence();
  // Asked for (Change, the transcript): the field takes focus. The prompt never steals it from the composer.
  useEffect(() => {
    if (form !== 'prompt') input.current?.focus();
  }, [form]);

  const lead =
    form === 'transcript'
      ? t('transcriptPrompt')
      : form === 'change'
        ? null
        : absence === 'hours'
          ? t('outsideHoursPrompt')
          : absence
            ? t('offlinePrompt')
            : t('waitPrompt');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void controller.saveEmail(value);
  };
  return (
    <form className={`pw-email ${form === 'prompt' && !absence ? 'pw-email-quiet' : ''}`} onSubmit={onSubmit} noValidate>
      {lead && (
        <p className="pw-email-lead" id={`${id}-lead`}>
          {lead}
        </p>
      )}
      <label htmlFor={id} className="pw-email-label">
        {t('emailLabel')}
      </label>
      <div className="pw-email-fields">
        <input
          id={id}
          ref={input}
          type="email"
          inputMode="email"
          autoComplete="email"
          maxLength={254}
          placeholder={t('emailPlaceholder')}
          value={value}
          aria-invalid={Boolean(s.emailError)}
          aria-describedby={s.emailError ? `${id}-err` : lead ? `${id}-lead` : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="pw-small-btn" disabled={s.emailBusy}>
          {t('saveEmail')}
        </button>
        <button type="button" className="pw-link pw-link-small" onClick={() => controller.closeEmailForm()}>
          {form === 'prompt' ? t('notNow') : t('cancel')}
        </button>
      </div>
      {s.emailError && (
        <p className="pw-error-text" role="alert" id={`${id}-err`}>
          {s.emailError}
        </p>
      )}
    </form>
  );
}
