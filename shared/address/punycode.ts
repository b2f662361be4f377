/**
 * IDN to ASCII (RFC 3492 punycode), so that `ann@bücher.example` and `ann@xn--bcher-kva.example` are one key.
 * Written here because `shared/` may not use Node's `url.domainToASCII` (it must run in the add-in too).
 */
const base = 36;
const tMin = 1;
const tMax = 26;
const skew = 38;
const damp = 700;
const initialBias = 72;
const initialN = 128;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / damp) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((base - tMin) * tMax) >> 1) {
    d = Math.floor(d / (base - tMin));
    k += base;
  }
  return k + Math.floor(((base - tMin + 1) * d) / (d + skew));
}

function digit(d: number): string {
  return String.fromCharCode(d + 22 + 75 * (d < 26 ? 1 : 0));
}

/** Encodes one label's code points with punycode (without the `xn--` prefix). */
function encodePunycode(input: string): string {
  const codePoints = Array.from(input, (c) => c.codePointAt(0) ?? 0);
  let n = initialN;
  let delta = 0;
  let bias = initialBias;
  let output = codePoints
    .filter((c) => c < 0x80)
    .map((c) => String.fromCharCode(c))
    .join('');
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength > 0) {
    output += '-';
  }
  while (handled < codePoints.length) {
    const m = Math.min(...codePoints.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of codePoints) {
      if (c < n) {
        delta++;
      }
      if (c === n) {
        let q = delta;
        for (let k = base; ; k += base) {
          const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
          if (q < t) {
            break;
          }
          output += digit(t + ((q - t) % (base - t)));
          q = Math.floor((q - t) / (base - t));
        }
        output += digit(q);
        bias = adapt(delta, handled + 1, handled === basicLength);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/** A domain to its ASCII form; null when a label cannot be encoded. Full-width dots count as dots. */
export function toAsciiDomain(domain: string): string | null {
  const labels = domain.normalize('NFC').split(/[.。．｡]/);
  const out: string[] = [];
  for (const label of labels) {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(label)) {
      out.push(label);
      continue;
    }
    // A label encodes to at least as many characters as it has code points, and one over 63 is no domain
    // (RFC 1035): refused first, it keeps the encoder, quadratic in a label's length, off long input (C7).
    if (label.length > 63 * 2 || Array.from(label).length > 63) {
      return null;
    }
    try {
      out.push(`xn--${encodePunycode(label.toLowerCase())}`);
    } catch {
      return null;
    }
  }
  return out.join('.');
}
