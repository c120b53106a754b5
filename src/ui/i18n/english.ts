// Messages in English outside the page: tests assert the page's words through it, and scripts
// (measure-validation) print them. It reads the same catalog the page does (en.json).

import type { Message } from '../../analysis/message';
import { createI18n, translateMessage, type Translate } from './i18n';

const english = createI18n('en', { react: false });

/** `t` in English. */
export const englishT: Translate = (key, params) => english.t(key, { ...params });

/** A message in English. */
export function englishText(m: Message): string {
  return translateMessage(englishT, m);
}
