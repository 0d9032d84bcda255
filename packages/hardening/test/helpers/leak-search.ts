// Collects everything a program showed (text, errors, objects) and searches it
// for a secret in every form a leak could take.
import { createHash } from "node:crypto";
import { inspect } from "node:util";

export interface Leak {
  label: string;
  needle: string;
  excerpt: string;
}

/** The secret itself, any 12 characters of it, its base64 and hex, and the Digest HA1 values it yields. */
export function needlesFor(secret: string, digest?: { username: string; realm: string }): Map<string, string> {
  const needles = new Map<string, string>([[secret, "the secret"]]);
  for (let i = 0; i + 12 <= secret.length; i++)
    needles.set(secret.slice(i, i + 12), `12 characters of the secret at ${i}`);
  needles.set(Buffer.from(secret).toString("base64").replace(/=+$/, ""), "the secret in base64");
  needles.set(Buffer.from(secret).toString("hex"), "the secret in hex");
  if (digest) {
    const a1 = `${digest.username}:${digest.realm}:${secret}`;
    needles.set(createHash("md5").update(a1).digest("hex"), "HA1 (MD5), a password equivalent");
    needles.set(createHash("sha256").update(a1).digest("hex"), "HA1 (SHA-256), a password equivalent");
  }
  return needles;
}

/** Every way an error or object can end up in a log. */
export function renderings(value: unknown): string[] {
  const out: string[] = [];
  const tryPush = (f: () => unknown) => {
    try {
      const v = f();
      if (typeof v === "string") out.push(v);
    } catch (e) {
      out.push(`(rendering threw: ${String(e)})`);
    }
  };
  if (typeof value === "string") return [value];
  tryPush(() => String(value));
  tryPush(() => JSON.stringify(value));
  tryPush(() => inspect(value, { depth: 8, showHidden: true, getters: true, colors: false }));
  if (value instanceof Error) {
    tryPush(() => value.message);
    tryPush(() => value.stack);
    tryPush(() => JSON.stringify(value, Object.getOwnPropertyNames(value)));
    if (value.cause !== undefined) out.push(...renderings(value.cause));
  }
  return out;
}

export class LeakSearch {
  private readonly items: { label: string; text: string }[] = [];
  constructor(private readonly needles: Map<string, string>) {}

  /** Adds what `label` showed: strings as they are, anything else in all its renderings. */
  add(label: string, ...values: unknown[]): void {
    for (const value of values) for (const text of renderings(value)) this.items.push({ label, text });
  }

  get count(): number {
    return this.items.length;
  }

  get characters(): number {
    return this.items.reduce((n, i) => n + i.text.length, 0);
  }

  labels(): string[] {
    return [...new Set(this.items.map((i) => i.label))];
  }

  leaks(): Leak[] {
    const found: Leak[] = [];
    for (const { label, text } of this.items) {
      for (const [needle, what] of this.needles) {
        const at = text.indexOf(needle);
        if (at >= 0) {
          found.push({ label, needle: what, excerpt: text.slice(Math.max(0, at - 60), at + needle.length + 20) });
          break;
        }
      }
    }
    return found;
  }
}
