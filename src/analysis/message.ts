// A message for people, as data: a catalog key and its parameters (numbers, texts, or other
// messages nested in it). Modules that validate input (the link, pasted CSV) return these instead
// of English sentences, so the page shows them in its language (src/ui/i18n) and the CLI and the
// tests read them in English (src/ui/i18n/english.ts).

export type MessageParam = string | number | Message;

export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

export function msg(key: string, params?: Readonly<Record<string, MessageParam>>): Message {
  return params ? { key, params } : { key };
}

export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string';
}
