/**
 * Escaping for report pages, with no other dependency, so that the page's own script (the interactive
 * report, src/report/interactive/) can use it in the browser: text for HTML, code and JSON to inline
 * in a script element.
 */

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Make a script body safe to inline: it can never close the script element or open an HTML comment. */
export function escapeInlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON for a `<script type="application/json">` element: `<` is escaped so no tag can appear in it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
