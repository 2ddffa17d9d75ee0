import type { DeliveryMessage } from '@racedesk/core';
import type { MessageBody } from '../clients/embed.js';

/** What a template may look up while rendering. */
export interface TemplateLookups {
  tournamentName(orgId: number, tournamentId: number): Promise<string>;
  userNames(userIds: number[]): Promise<string[]>;
}

/** Renders one event type into a Discord message (embeds). */
export interface MessageTemplate {
  /** The event name it renders, e.g. `core.match.rescheduled`. */
  eventType: string;
  render(message: DeliveryMessage, lookups: TemplateLookups): Promise<MessageBody> | MessageBody;
}

/** Declares a template; exists for typing. */
export const defineTemplate = (template: MessageTemplate): MessageTemplate => template;

/** Templates by event type: the plugin's defaults plus those other plugins register. */
export class TemplateRegistry {
  private readonly templates = new Map<string, MessageTemplate>();

  register(template: MessageTemplate): void {
    if (this.templates.has(template.eventType))
      throw new Error(`A Discord template for "${template.eventType}" is registered twice`);
    this.templates.set(template.eventType, template);
  }

  has(eventType: string): boolean {
    return this.templates.has(eventType);
  }

  /** Renders with the event's template, or a plain fallback naming the event. */
  async render(message: DeliveryMessage, lookups: TemplateLookups): Promise<MessageBody> {
    const template = this.templates.get(message.type);
    if (template) return template.render(message, lookups);
    return {
      embeds: [
        {
          title: message.type,
          description: 'Something happened in Racedesk.',
          color: 0x95a5a6,
          timestamp: message.occurredAt,
        },
      ],
    };
  }
}
