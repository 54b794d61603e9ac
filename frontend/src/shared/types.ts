// Types mirroring the public contract in API.md (v1 and v1.1).

export type Role = 'admin' | 'customer';

export interface User {
  id: number;
  username: string | null;
  display_name: string;
  role: Role;
  is_guest: boolean;
}

export type MessageKind = 'text' | 'note';

export interface Attachment {
  id: string;
  name: string;
  size: number;
  content_type: string;
  kind: 'image' | 'file';
  width: number | null;
  height: number | null;
  url: string;
  thumbnail_url: string | null;
}

export interface Message {
  id: number;
  chat_id: number;
  sender: User;
  body: string;
  client_msg_id: string | null;
  created_at: string;
  /** v1.1; absent from a v1 server, which means 'text'. */
  kind?: MessageKind;
  /** v1.1; absent or empty for messages without files. */
  attachments?: Attachment[];
}

export type ChatStatus = 'waiting' | 'active' | 'resolved';

export interface Rating {
  score: number;
  comment: string | null;
  created_at: string;
}

export interface Chat {
  id: number;
  customer: User;
  admin: User | null;
  status: ChatStatus;
  last_message: Message | null;
  unread_count: number;
  created_at: string;
  updated_at: string;
  /** v1.1: the rating of the chat's latest resolution. */
  rating?: Rating | null;
  /** Extension: the customer is blocked (POST /chats/{id}/block). */
  blocked?: boolean;
  /** Optional extensions the backend may add. */
  customer_last_read_id?: number | null;
  admin_last_read_id?: number | null;
}

export interface TokenReply {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: User;
}

export interface ChatPage {
  items: Chat[];
  next_before: string | null;
}

export interface MessagePage {
  items: Message[];
  has_more: boolean;
}

export type ChatScope = 'waiting' | 'mine' | 'all' | 'resolved';

export interface Page {
  url: string;
  title: string | null;
  referrer: string | null;
  at: string;
}

export interface Visitor {
  customer: User;
  email: string | null;
  online: boolean;
  current_page: Page | null;
  pages: Page[];
  user_agent: string | null;
  browser: string | null;
  os: string | null;
  language: string | null;
  timezone: string | null;
  attributes: Record<string, string | number | boolean>;
  first_seen_at: string;
  last_seen_at: string;
}

export interface CannedReply {
  id: number;
  shortcut: string;
  title: string | null;
  body: string;
  updated_at: string;
}

export interface SearchHit {
  chat_id: number;
  message: Message;
}

export interface SearchPage {
  items: SearchHit[];
  next_before: number | null;
}

export type Availability = 'online' | 'away';

export interface AuthResult {
  user: User;
  admins_online: number;
  /** Optional extension: `complete: false` means the since catch-up was cut short; fetch the rest by REST. */
  catch_up?: { delivered: number; complete: boolean };
}

export type Since = number | Record<string, number>;

/** Server events (frames without an id). */
export interface EventMap {
  'message.new': { message: Message };
  'chat.waiting': { chat: Chat };
  'chat.assigned': { chat: Chat; previous_admin_id: number | null };
  'chat.read': { chat_id: number; user_id: number; last_read_id: number };
  typing: { chat_id: number; user_id: number };
  presence: { admins_online: number };
  'chat.resolved': { chat: Chat };
  'chat.reopened': { chat: Chat };
  'chat.rated': { chat_id: number; rating: Rating };
  'visitor.page': { chat_id: number; customer_id: number; page: Page };
}

export type EventName = keyof EventMap;

export interface RpcErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * v1.1 (issue 14): the weekly schedule of `BUSINESS_HOURS` as `GET /widget/config` reports it.
 * Only `open` (inside the hours right now) is relied on; the rest is shown when present.
 */
export interface BusinessHours {
  timezone?: string;
  open: boolean;
  [key: string]: unknown;
}

/** `GET /api/v1/widget/config` (public). `offline` and `business_hours` are v1.1 and may be absent. */
export interface WidgetRemoteConfig {
  allowed: boolean;
  origin?: string | null;
  identity_verification?: boolean;
  /** Nobody is online, or it is outside business hours (when the server computed it). */
  offline?: boolean;
  business_hours?: BusinessHours | null;
  /** Whether the server sends email at all; absent (an older server) is taken as yes. */
  email_enabled?: boolean;
}

/** `GET /api/v1/widget/session`: the visitor, their chat (null before the first message), their email (v1.1). */
export interface WidgetSession {
  user: User;
  chat: Chat | null;
  email?: string | null;
}

/** v1.1 (issue 15): percentiles in seconds; null when there is no data. */
export interface Percentiles {
  p50: number | null;
  p90: number | null;
}

/** `GET /admin/reports?from=&to=&tz=`: every count is of text messages; notes count nowhere. */
export interface Report {
  from: string;
  to: string;
  tz: string;
  chats_started: number;
  chats_resolved: number;
  messages_from_customers: number;
  messages_from_admins: number;
  first_response_seconds: Percentiles | null;
  resolution_seconds: Percentiles | null;
  csat: { average: number | null; count: number; by_score: Record<string, number> };
  /** One per day of the range, in date order, zeros included. */
  days: { date: string; chats_started: number; chats_resolved: number; messages: number }[];
  admins: { admin: User; chats_resolved: number; messages: number; first_response_p50: number | null }[];
  /** Customer messages by weekday (Monday first) and hour, in `tz`: 7 rows of 24. */
  hours: number[][];
}

/** `GET /admin/customers/{id}/export`: everything Parley holds about one customer, no notes. */
export interface CustomerExport {
  customer: User;
  email: string | null;
  chat: Chat | null;
  messages: Message[];
  visitor: Visitor;
  ratings: Rating[];
}
