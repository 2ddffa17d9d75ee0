/** A Discord embed as Racedesk sends it (a subset of Discord's embed object). */
export interface Embed {
  title: string;
  description?: string;
  url?: string;
  color: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  timestamp?: string;
}

/** A message body: text plus embeds. */
export interface MessageBody {
  content?: string;
  embeds: Embed[];
}
