/** One type × channel choice of `GET /api/v1/me/notifications`. */
export interface NotificationPreference {
  eventType: string;
  channel: string;
  enabled: boolean;
  /** True while the user has not chosen (the type's and channel's default applies). */
  isDefault: boolean;
}

/** `GET/PUT /api/v1/me/notifications`. */
export interface NotificationPreferences {
  channels: { id: string; description: string }[];
  types: { eventType: string; description: string; defaultOn: boolean }[];
  preferences: NotificationPreference[];
}

/** Key of one type × channel cell. */
export const cellKey = (eventType: string, channel: string) => `${eventType}|${channel}`;
