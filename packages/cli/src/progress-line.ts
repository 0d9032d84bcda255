/** A one-line status on a terminal's stderr, rewritten in place with `\r`. */
export interface ProgressLine {
  update(text: string): void;
  /** Erases the line; safe to call more than once. */
  clear(): void;
}

const NONE: ProgressLine = { update() {}, clear() {} };
const MIN_INTERVAL_MS = 80;

/** A live progress line when `enabled` (stderr is a TTY), otherwise a no-op. */
export function createProgressLine(stream: NodeJS.WritableStream, enabled: boolean): ProgressLine {
  if (!enabled) return NONE;
  let shown = false;
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < MIN_INTERVAL_MS) return; // a redraw per snapshot would flood the terminal
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${text}`);
    },
    clear() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
