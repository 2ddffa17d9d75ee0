/** A webhook endpoint of the org (`GET /api/v1/orgs/:org/webhooks`). */
export interface Webhook {
  id: number;
  url: string;
  description: string;
  eventTypes: string[];
  active: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The list, with the event types an endpoint may subscribe to. */
export interface WebhookList {
  items: Webhook[];
  nextCursor: null;
  eventTypes: string[];
}
