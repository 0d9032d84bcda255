// C0 controls (ESC, BEL, ...), DEL and C1 controls (CSI 0x9b, OSC 0x9d, ...):
// what lets text rewrite a terminal (OSC 52 clipboard writes, titles, cursor moves).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

export interface PrintableOptions {
  /** Cut the text to this many characters, saying how many were left out. */
  maxLength?: number;
  /** Control characters to leave as they are, e.g. `"\n"` for multi-line text we wrote, `"\r\n"` for CSV. */
  keep?: string;
}

/**
 * Text from a server (or any other stranger), safe to show a person: every
 * control character becomes a visible `\xHH` escape, and long text is cut.
 * The one implementation for every human-facing place: error messages, the
 * CLI's table, csv and stderr. Applying it twice changes nothing more.
 */
export function printable(text: string, { maxLength, keep = "" }: PrintableOptions = {}): string {
  const cut =
    maxLength !== undefined && text.length > maxLength
      ? `${text.slice(0, maxLength)}... (${text.length - maxLength} more characters)`
      : text;
  return cut.replace(CONTROLS, (c) => (keep.includes(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}
