// Puts the library's messages into words. The wasm decides which message an error gets
// and with which values, and hands it over as a description, `[id, ...args]`. The id is
// the number of a template in src/protocol/messages.json, or its id text where the
// gateway-mode client names it, and each arg is text or a nested description. The build
// writes the templates into message-templates.js.
//
// The build derives a CommonJS copy for the Node entry, so this file imports only the
// package's own modules and exports one function declaration.

import { messageTemplates } from './message-templates.js';

/** The column of each locale's text in a template row `[id, russian, english]`. */
const LOCALE_COLUMNS = { ru: 1, en: 2 };

const TEMPLATES_BY_ID = new Map(messageTemplates.map((row) => [row[0], row]));

/**
 * Returns the text of `description` in `locale` (`ru`, the default, or `en`), or null
 * when its id names no template. `{0}`, `{1}` and `{2}` take the args in order. As in the
 * Rust renderer, a missing arg leaves its placeholder empty, and arg text is not searched
 * for placeholders.
 */
export function renderMessage(locale, description) {
  const [id, ...args] = description;
  const row = typeof id === 'number' ? messageTemplates[id] : TEMPLATES_BY_ID.get(id);
  if (row === undefined) {
    return null;
  }
  const template = row[LOCALE_COLUMNS[locale] ?? LOCALE_COLUMNS.ru];
  return template.replace(/\{([0-2])\}/g, (_placeholder, index) => {
    const arg = args[Number(index)];
    return Array.isArray(arg) ? (renderMessage(locale, arg) ?? '') : String(arg ?? '');
  });
}
