// MD5 (RFC 1321), as small as it goes: Atlas challenges with MD5, so every
// browser app ships this, and a general hashing library costs three times the
// bytes. Checked against node:crypto, RFC 7616's vectors and Apache httpd.

/** Shift amounts, four per round. */
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
/** RFC 1321's table: T[i] = floor(2^32 * abs(sin(i + 1))), exact in IEEE doubles. */
const T = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32));
const utf8 = new TextEncoder();

/** MD5 of `text` as UTF-8, in lower-case hex. */
export function md5Hex(text: string): string {
  const bytes = utf8.encode(text);
  const length = bytes.length;
  // Padding: 0x80, zeros, then the bit length (64 bits, little-endian) to fill 64-byte blocks.
  const words = new Uint32Array((((length + 8) >>> 6) + 1) * 16);
  for (let i = 0; i <= length; i++) {
    const byte = i < length ? (bytes[i] as number) : 0x80;
    words[i >> 2] = (words[i >> 2] as number) | (byte << ((i % 4) * 8));
  }
  words[words.length - 2] = length * 8;
  words[words.length - 1] = Math.floor(length / 0x20000000);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let o = 0; o < words.length; o += 16) {
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f =
        round === 0 ? (b & c) | (~b & d) : round === 1 ? (d & b) | (~d & c) : round === 2 ? b ^ c ^ d : c ^ (b | ~d);
      const g = round === 0 ? i : round === 1 ? (5 * i + 1) % 16 : round === 2 ? (3 * i + 5) % 16 : (7 * i) % 16;
      const s = S[round * 4 + (i % 4)] as number;
      const t = (a + f + (T[i] as number) + (words[o + g] as number)) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((t << s) | (t >>> (32 - s)))) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + b) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
  }
  let hex = "";
  for (const word of h) for (let j = 0; j < 32; j += 8) hex += ((word >>> j) & 255).toString(16).padStart(2, "0");
  return hex;
}
