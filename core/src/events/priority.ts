/** Order of dispatch: every `high` subscriber of an event runs before `normal`, then `low`. */
export type SubscriberPriority = 'high' | 'normal' | 'low';
