import { styleText } from "node:util";

type Format = Parameters<typeof styleText>[0];
export type Paint = (format: Format, text: string) => string;

/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything
 * non-empty (no-color.org) or TERM=dumb.
 */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}

/** A painter that styles text when enabled and returns it untouched otherwise. */
export function createPaint(enabled: boolean): Paint {
  // We decided about the stream already; styleText must not second-guess (it checks process.stdout).
  return enabled ? (format, text) => styleText(format, text, { validateStream: false }) : (_format, text) => text;
}

const STATUS_FORMAT: Record<string, Format> = {
  COMPLETED: "green",
  FAILED: "red",
  RUNNING: "yellow",
  QUEUED: "yellow",
  PENDING: "yellow",
};

/** The colour for a snapshot status; unknown statuses (Atlas may add some) stay plain. */
export const statusFormat = (status: string): Format | undefined => STATUS_FORMAT[status];
