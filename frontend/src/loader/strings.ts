// The few strings the loader shows before the chat has loaded; the chat's own tables include them.

export const launcherEn = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  loadFailed: 'The chat could not load.',
  retry: 'Retry',
};

export type LauncherKey = keyof typeof launcherEn;

export const launcherRu: Record<LauncherKey, string> = {
  openChat: 'Открыть чат',
  closeChat: 'Закрыть чат',
  loadFailed: 'Не удалось загрузить чат.',
  retry: 'Повторить',
};

export const LAUNCHER_STRINGS = { en: launcherEn, ru: launcherRu } as const;
