// Files the panel saves (the reports CSV, a customer's export): fetched with the bearer token, since
// a plain link cannot carry it, then handed to the browser as a download of exactly the bytes served.
import { ApiError } from '../shared/api';

export interface Downloaded {
  blob: Blob;
  name: string;
}

/** The file name of a `Content-Disposition` header, if it gives a plain one. */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}

export async function fetchFile(
  fetchImpl: typeof fetch,
  origin: string,
  token: string | null,
  path: string,
  fallbackName: string,
): Promise<Downloaded> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetchImpl(`${origin}/api/v1${path}`, { method: 'GET', headers });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body = (await res.json()) as { detail?: unknown };
      if (typeof body.detail === 'string') detail = body.detail;
    } catch {
      // not JSON: the status text says enough
    }
    throw new ApiError(res.status, detail || `HTTP ${res.status}`, null);
  }
  const blob = await res.blob();
  return { blob, name: dispositionName(res.headers.get('Content-Disposition')) ?? fallbackName };
}

/** Saves a blob under `name` through a temporary link (the panel's CSP lets a download use a blob: URL). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked a little later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
