// A tiny i18n helper: one flat table per language, `{name}` placeholders.

export type Dict = Record<string, string>;

export function pickLang<L extends string>(wanted: string | null | undefined, available: readonly L[], fallback: L): L {
  const candidates = [wanted, ...(typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [])];
  for (const c of candidates) {
    if (!c) continue;
    const base = c.toLowerCase().split('-')[0] as L;
    if (available.includes(base)) return base;
  }
  return fallback;
}

export function makeT<D extends Dict>(dict: D) {
  return (key: keyof D & string, vars: Record<string, string | number> = {}): string =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}
