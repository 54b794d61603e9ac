// What the loader hands the chat bundle, and what the chat bundle hands back. Types only: the
// loader never imports the chat's code, it imports the hashed file at run time.
import type { WidgetRemoteConfig } from '../shared/types';
import type { WidgetConfig } from '../widget/config';

export type ParleyEvent = 'message' | 'open' | 'close' | 'unread';

export interface Identity {
  id: string;
  name?: string;
  hash: string;
  email?: string;
}

export type Attributes = Record<string, string | number | boolean | null>;

/** A call of the JavaScript API the chat carries out itself (the loader answers open/close/on). */
export type ChatCall =
  | { name: 'identify'; identity: Identity }
  | { name: 'setAttributes'; attributes: Attributes }
  | { name: 'logout' };

export interface MountContext {
  /** The custom element's shadow root; the chat renders into `container` inside it. */
  shadow: ShadowRoot;
  container: HTMLElement;
  config: WidgetConfig;
  /** Open the panel as soon as it is drawn (the visitor clicked, or `Parley('open')`). */
  open: boolean;
  /** Calls made before the chat loaded, in order; carried out before anything is fetched. */
  calls: ChatCall[];
  /** What `GET /widget/config` answered (v1.1: offline, business_hours), for the chat to use. */
  remote?: WidgetRemoteConfig;
  emit(event: ParleyEvent, payload: unknown): void;
}

export interface ChatHandle {
  setOpen(open: boolean): void;
  isOpen(): boolean;
  call(c: ChatCall): void;
}

export interface ChatModule {
  mount(ctx: MountContext): ChatHandle;
}
