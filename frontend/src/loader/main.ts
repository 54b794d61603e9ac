// widget.js: <script src="https://chat.example.com/widget.js" async></script>. Draws the bubble and
// fetches the chat (React and the conversation, a content-hashed file) only when it is needed.
import { findScript, readConfig } from '../widget/config';
import type { ChatModule } from './bridge';
import { boot, defaultFetchConfig } from './boot';

// The build writes the chat bundle's hashed path here (vite.widget.config.ts).
declare const __PARLEY_CHAT_PATH__: string;

// Must run synchronously at load: document.currentScript is only set while this script executes.
const script = findScript();

function start(): void {
  try {
    const config = readConfig(script);
    boot({
      win: window,
      config,
      chatUrl: `${config.origin}/${__PARLEY_CHAT_PATH__}`,
      importChat: (url) => import(/* @vite-ignore */ url) as Promise<ChatModule>,
      fetchConfig: defaultFetchConfig(window),
      console,
    });
  } catch (err) {
    console.error('[parley] the widget could not start', err);
  }
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
