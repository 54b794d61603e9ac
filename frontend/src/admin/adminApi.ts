// The panel's own REST calls for webhooks, the outbox and mail (API.md v1.1 and the round-2 extensions).
// Built on the shared client's request(), so the shared module stays what the widget needs too.
import type { ApiClient } from '../shared/api';
import type { Report } from '../shared/types';

export const WEBHOOK_EVENTS = ['chat.created', 'message.created', 'chat.assigned', 'chat.resolved', 'chat.rated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: number;
  url: string;
  events: string[];
  enabled: boolean;
  /** Present in the reply to POST (and GET of one endpoint); never in the list. */
  secret?: string;
  created_at: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export interface Delivery {
  id: string | number;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export type OutboxStatus = 'dead' | 'failed' | 'pending';

export interface OutboxRow {
  id: number;
  kind: 'email' | 'webhook';
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  next_attempt_at: string | null;
  summary: string;
}

export interface OutboxPage {
  items: OutboxRow[];
  next_before: number | null;
}

export interface MailStatus {
  enabled: boolean;
  mail_from: string | null;
  team_email: string | null;
  dev_inbox: string | null;
}

export function listWebhooks(api: ApiClient) {
  return api.request<{ items: Webhook[] }>('GET', '/admin/webhooks');
}
export function createWebhook(api: ApiClient, input: { url: string; events: string[] }) {
  return api.request<Webhook>('POST', '/admin/webhooks', input);
}
export function updateWebhook(api: ApiClient, id: number, input: { url?: string; events?: string[]; enabled?: boolean }) {
  return api.request<Webhook>('PATCH', `/admin/webhooks/${id}`, input);
}
export function deleteWebhook(api: ApiClient, id: number) {
  return api.request<void>('DELETE', `/admin/webhooks/${id}`);
}
export function testWebhook(api: ApiClient, id: number) {
  return api.request<unknown>('POST', `/admin/webhooks/${id}/test`);
}
export function listDeliveries(api: ApiClient, id: number) {
  return api.request<{ items: Delivery[] }>('GET', `/admin/webhooks/${id}/deliveries`);
}
export function retryDelivery(api: ApiClient, id: number, deliveryId: string | number) {
  return api.request<unknown>('POST', `/admin/webhooks/${id}/deliveries/${encodeURIComponent(String(deliveryId))}/retry`);
}
export function listOutbox(api: ApiClient, status: OutboxStatus, before?: number | null, limit = 50) {
  const q = new URLSearchParams({ status, limit: String(limit) });
  if (before) q.set('before', String(before));
  return api.request<OutboxPage>('GET', `/admin/outbox?${q.toString()}`);
}
export function retryOutbox(api: ApiClient, id: number) {
  return api.request<unknown>('POST', `/admin/outbox/${id}/retry`);
}
export function mailStatus(api: ApiClient) {
  return api.request<MailStatus>('GET', '/admin/mail');
}

// Reports and the customer's data (issue 15). The CSV and the export are files: see download.ts.
export function getReport(api: ApiClient, query: string) {
  return api.request<Report>('GET', `/admin/reports?${query}`);
}
export function reportCsvPath(query: string): string {
  return `/admin/reports/chats.csv?${query}`;
}
export function customerExportPath(customerId: number): string {
  return `/admin/customers/${customerId}/export`;
}
export function eraseCustomer(api: ApiClient, customerId: number) {
  return api.request<void>('DELETE', `/admin/customers/${customerId}`);
}
