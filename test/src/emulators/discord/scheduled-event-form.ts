import { FormErrors } from './discord-errors.js';
import { eventTimestamp } from './json-shapes.js';
import type { EmulatedScheduledEvent, ScheduledEventStatus } from './model.js';

type Obj = Record<string, unknown>;

/** Allowed status changes: scheduled → active/canceled, active → completed. */
const TRANSITIONS: Record<number, number[]> = { 1: [2, 4], 2: [3], 3: [], 4: [] };

function time(errors: FormErrors, field: string, value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    errors.add(field, 'DATE_TIME_TYPE_PARSE', `Could not parse ${String(value)}. Should be ISO8601.`);
    return undefined;
  }
  return eventTimestamp(date);
}

/**
 * Applies a create (`current` undefined) or modify body to a scheduled event's fields and validates the
 * result like Discord: required fields, EXTERNAL needs a location and an end time, times in the future.
 */
export function applyEventBody(
  body: Obj,
  now: Date,
  current?: EmulatedScheduledEvent,
): { fields: Partial<EmulatedScheduledEvent>; errors: FormErrors } {
  const errors = new FormErrors();
  const fields: Partial<EmulatedScheduledEvent> = {};
  if (body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 100) {
      errors.add('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    } else fields.name = body.name;
  }
  if (body.description !== undefined)
    fields.description = typeof body.description === 'string' ? body.description : null;
  const start = time(errors, 'scheduled_start_time', body.scheduled_start_time);
  if (start) fields.scheduled_start_time = start;
  const end = time(errors, 'scheduled_end_time', body.scheduled_end_time);
  if (end !== undefined) fields.scheduled_end_time = end;
  if (body.privacy_level !== undefined) {
    if (body.privacy_level !== 2)
      errors.add('privacy_level', 'BASE_TYPE_CHOICES', 'Value must be one of {2}.');
    else fields.privacy_level = 2;
  }
  if (body.entity_type !== undefined) {
    if (body.entity_type !== 1 && body.entity_type !== 2 && body.entity_type !== 3) {
      errors.add('entity_type', 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3}.');
    } else fields.entity_type = body.entity_type;
  }
  if (body.channel_id !== undefined)
    fields.channel_id = typeof body.channel_id === 'string' ? body.channel_id : null;
  if (body.entity_metadata !== undefined) {
    const meta = body.entity_metadata as Obj | null;
    fields.entity_metadata = meta && typeof meta.location === 'string' ? { location: meta.location } : null;
  }
  if (body.status !== undefined) {
    const from = current?.status ?? 1;
    const to = body.status as number;
    if (!current || !TRANSITIONS[from]?.includes(to)) {
      errors.add(
        'status',
        'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION',
        'Invalid Guild Scheduled Event Status Transition',
      );
    } else fields.status = to as ScheduledEventStatus;
  }
  const merged = { ...current, ...fields };
  if (!current) {
    for (const key of ['name', 'scheduled_start_time', 'privacy_level', 'entity_type'] as const) {
      if (merged[key] === undefined && body[key] === undefined)
        errors.add(key, 'BASE_TYPE_REQUIRED', 'This field is required');
    }
  }
  if (merged.entity_type === 3) {
    if (!merged.entity_metadata?.location)
      errors.add('entity_metadata.location', 'BASE_TYPE_REQUIRED', 'This field is required');
    if (!merged.scheduled_end_time)
      errors.add('scheduled_end_time', 'BASE_TYPE_REQUIRED', 'This field is required');
    if (merged.channel_id)
      errors.add('channel_id', 'CHANNEL_ID_MUST_BE_NULL', 'Channel ID must be null for external events.');
  } else if (merged.entity_type !== undefined && !merged.channel_id) {
    errors.add('channel_id', 'BASE_TYPE_REQUIRED', 'This field is required');
  }
  if (start && new Date(start) < now && (!current || current.status === 1)) {
    errors.add(
      'scheduled_start_time',
      'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
      'Cannot schedule event in the past.',
    );
  }
  const startAt = merged.scheduled_start_time;
  if (startAt && merged.scheduled_end_time && new Date(merged.scheduled_end_time) <= new Date(startAt)) {
    errors.add(
      'scheduled_end_time',
      'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
      'Cannot schedule event to end before starting.',
    );
  }
  return { fields, errors };
}
