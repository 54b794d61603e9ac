// The bubble the loader draws before the chat exists: the same button the chat draws later, so
// the swap is invisible. Built with DOM calls only (no innerHTML: a Trusted Types CSP allows it).
import type { WidgetConfig } from '../widget/config';
import type { LauncherKey } from './strings';

const SVG = 'http://www.w3.org/2000/svg';
export const CHAT_ICON_PATH =
  'M12 3C6.5 3 2 6.9 2 11.7c0 2.5 1.2 4.7 3.2 6.3L4.5 21.5l4-2.1c1.1.3 2.3.5 3.5.5 5.5 0 10-3.9 10-8.7S17.5 3 12 3z';

export interface Launcher {
  root: HTMLElement;
  button: HTMLButtonElement | null;
  setBusy(busy: boolean): void;
  showFailure(onRetry: () => void): void;
  remove(): void;
}

function icon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  for (const [k, v] of [['viewBox', '0 0 24 24'], ['width', '28'], ['height', '28'], ['aria-hidden', 'true'], ['focusable', 'false']]) {
    svg.setAttribute(k, v);
  }
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', CHAT_ICON_PATH);
  svg.append(path);
  return svg;
}

export function drawLauncher(
  shadow: ShadowRoot,
  config: WidgetConfig,
  t: (key: LauncherKey) => string,
  onClick: () => void,
): Launcher {
  const doc = shadow.ownerDocument;
  const root = doc.createElement('div');
  root.className = `pw-root pw-${config.position}`;
  root.lang = config.lang;
  root.style.setProperty('--pw-accent', config.color);
  let button: HTMLButtonElement | null = null;
  if (config.launcher !== 'none') {
    button = doc.createElement('button');
    button.type = 'button';
    button.className = 'pw-launcher';
    button.setAttribute('aria-label', t('openChat'));
    button.setAttribute('aria-expanded', 'false');
    button.append(icon(doc));
    button.addEventListener('click', onClick);
    root.append(button);
  }
  const failure = doc.createElement('div');
  failure.className = 'pw-load-failed';
  failure.setAttribute('role', 'alert');
  failure.hidden = true;
  root.append(failure);
  shadow.append(root);
  return {
    root,
    button,
    setBusy(busy) {
      button?.setAttribute('aria-busy', String(busy));
    },
    showFailure(onRetry) {
      const text = doc.createElement('span');
      text.textContent = t('loadFailed');
      const retry = doc.createElement('button');
      retry.type = 'button';
      retry.textContent = t('retry');
      retry.addEventListener('click', () => {
        failure.hidden = true;
        onRetry();
      });
      failure.replaceChildren(text, retry);
      failure.hidden = false;
    },
    remove() {
      root.remove();
    },
  };
}
