const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML and XML, in element content and in quoted attributes. */
export const escapeMarkup = (text: string): string => text.replace(/[<>&"']/g, (c) => ENTITIES[c] as string);
