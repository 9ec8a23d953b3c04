// CSV export of the matches table (RFC 4180 quoting; cells that look like formulas are defused).

function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  // Spreadsheet apps run cells starting with = + - @ as formulas; a leading quote keeps them text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n');
}
