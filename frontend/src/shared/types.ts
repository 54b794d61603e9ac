// Types mirroring the public contract in API.md (v1).

export type Role = 'admin' | 'customer';

export interface User {
  id: number;
  username: string | null;
  display_name: string;
  role: Role;
  is_guest: boolean;
}

export interface Message {
  id: number;
  chat_id: number;
  sender: User;
  body: string;
  client_msg_id: string | null;
  created_at: string;
}

export interface Chat {
  id: number;
  customer: User;
  admin: User | null;
  status: 'waiting' | 'active';
  last_message: Message | null;
  unread_count: number;
  created_at: string;
  updated_at: string;
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

export type ChatScope = 'waiting' | 'mine' | 'all';

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
}

export type EventName = keyof EventMap;

export interface RpcErrorBody {
  code: number;
  message: string;
  data?: unknown;
}
