/**
 * JSON.stringify, with DEL and the C1 controls (CSI 0x9b, OSC 0x9d...) escaped
 * as \u00XX too: JSON.stringify escapes only C0, and some terminals act on C1.
 * The data is unchanged for any JSON reader.
 */
export function terminalJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
