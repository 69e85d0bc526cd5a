export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes a Markdown table cell. */
export function escapeCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A stable HTML id for a field path (`/contacts/*\/value` → `field-contacts-value`). */
export function fieldAnchor(path: string): string {
  return `field${path.replace(/\/\*/g, '/items').replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
