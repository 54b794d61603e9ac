// The chat bundle: React and the conversation. The loader (src/loader) imports this content-hashed
// file when the chat is due and hands it the shadow root it drew the bubble in.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ChatHandle, MountContext } from '../loader/bridge';
import { adoptStyles } from '../loader/styles';
import { WidgetController } from './controller';
import { ErrorBoundary, Widget } from './Widget';
import css from './widget.css?inline';

export function mount(ctx: MountContext): ChatHandle {
  adoptStyles(ctx.shadow, css);
  const controller = new WidgetController(ctx.config, { emit: ctx.emit, remote: ctx.remote ?? null });
  for (const call of ctx.calls) controller.call(call);
  if (ctx.open) controller.setOpen(true);
  // Drawn before mount() returns, so the loader can take its own bubble away in the same frame.
  flushSync(() =>
    createRoot(ctx.container).render(
      <ErrorBoundary fallback={<div className="pw-fallback">{controller.t('error')}</div>}>
        <Widget controller={controller} />
      </ErrorBoundary>,
    ),
  );
  void controller.init();
  return {
    setOpen: (open) => controller.setOpen(open),
    isOpen: () => controller.state.open,
    call: (call) => controller.call(call),
  };
}
