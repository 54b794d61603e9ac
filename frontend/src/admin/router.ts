// A tiny history-API router under /admin.

export type Route = { name: 'home' } | { name: 'chat'; chatId: number } | { name: 'users' };

export const BASE = '/admin';

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const chat = /^\/chats\/(\d+)\/?$/.exec(path);
  if (chat) return { name: 'chat', chatId: Number(chat[1]) };
  if (/^\/users\/?$/.test(path)) return { name: 'users' };
  return { name: 'home' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'chat':
      return `${BASE}/chats/${route.chatId}`;
    case 'users':
      return `${BASE}/users`;
    default:
      return BASE;
  }
}
