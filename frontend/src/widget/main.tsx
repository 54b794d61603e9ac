// Loader: <script src="https://host/widget.js" async></script> mounts the chat into an open shadow root.
import { createRoot } from 'react-dom/client';
import { findScript, readConfig } from './config';
import { WidgetController } from './controller';
import { ErrorBoundary, Widget } from './Widget';
import css from './widget.css?inline';

declare global {
  interface Window {
    __parleyWidgetLoaded?: boolean;
  }
}

// Must run synchronously at load: document.currentScript is only set while this script executes.
const script = findScript();

function mount(): void {
  if (window.__parleyWidgetLoaded) return;
  window.__parleyWidgetLoaded = true;
  const config = readConfig(script);
  const host = document.createElement('parley-widget');
  host.setAttribute('data-parley', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.body.appendChild(host);
  const controller = new WidgetController(config);
  createRoot(container).render(
    <ErrorBoundary fallback={<div className="pw-fallback">{controller.t('error')}</div>}>
      <Widget controller={controller} />
    </ErrorBoundary>,
  );
  void controller.init();
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount);
