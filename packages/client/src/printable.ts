// C0 controls (ESC, BEL, ...), DEL and C1 controls (CSI 0x9b, OSC 0x9d, ...): what lets
// text rewrite a terminal (OSC 52 clipboard writes, titles, cursor moves). Also the
// bidirectional marks, overrides and isolates, which reorder how the rest of a line reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

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
  return cut.replace(CONTROLS, (c) => (keep.includes(c) ? c : escapeCode(c.charCodeAt(0))));
}

/** `\x1b` for a byte-sized code, `\u202e` beyond it: visible, and what a programmer would type. */
function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
