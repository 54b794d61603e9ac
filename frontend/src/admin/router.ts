// A tiny history-API router under /admin.

export type Route =
  | { name: 'home' }
  | { name: 'chat'; chatId: number; messageId?: number; pane?: 'visitor' }
  | { name: 'users' }
  | { name: 'canned' }
  | { name: 'webhooks' }
  | { name: 'mail' }
  | { name: 'reports' }
  | { name: 'search'; q: string };

export const BASE = '/admin';

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const query = new URLSearchParams(search);
  const chat = /^\/chats\/(\d+)(\/visitor)?\/?$/.exec(path);
  if (chat) {
    const route: Route = { name: 'chat', chatId: Number(chat[1]) };
    const message = Number(query.get('message'));
    if (Number.isInteger(message) && message > 0) route.messageId = message;
    if (chat[2]) route.pane = 'visitor';
    return route;
  }
  if (/^\/users\/?$/.test(path)) return { name: 'users' };
  if (/^\/canned\/?$/.test(path)) return { name: 'canned' };
  if (/^\/webhooks\/?$/.test(path)) return { name: 'webhooks' };
  if (/^\/mail\/?$/.test(path)) return { name: 'mail' };
  if (/^\/reports\/?$/.test(path)) return { name: 'reports' };
  if (/^\/search\/?$/.test(path)) return { name: 'search', q: query.get('q') ?? '' };
  return { name: 'home' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'chat': {
      const base = `${BASE}/chats/${route.chatId}${route.pane === 'visitor' ? '/visitor' : ''}`;
      return route.messageId ? `${base}?message=${route.messageId}` : base;
    }
    case 'users':
      return `${BASE}/users`;
    case 'canned':
      return `${BASE}/canned`;
    case 'webhooks':
      return `${BASE}/webhooks`;
    case 'mail':
      return `${BASE}/mail`;
    case 'reports':
      return `${BASE}/reports`;
    case 'search':
      return route.q ? `${BASE}/search?q=${encodeURIComponent(route.q)}` : `${BASE}/search`;
    default:
      return BASE;
  }
}
