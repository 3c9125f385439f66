/**
 * Percent-encoding of a query string, checked before anything decodes it. A value such as
 * `EntityName=%FF`, `%ED%A0%80` (an encoded UTF-16 surrogate) or a lone `%` is not
 * percent-encoded UTF-8 (RFC 3986 §2.1, WHATWG URL's application/x-www-form-urlencoded);
 * decoders turn it into U+FFFD or keep the text as sent, and either way the filter would
 * search for something the analyst never typed. The proxy refuses it naming the parameter.
 */

/** A parameter whose name or value is not valid percent-encoded UTF-8. */
export interface EncodingProblem {
  /** The parameter's name as decoded, or as sent when the name itself is malformed. */
  param: string;
  message: string;
}

const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/** Why `s` (one name or value, `+` for space) is not valid percent-encoded UTF-8; undefined when it is. */
function encodingFault(s: string): string | undefined {
  if (BAD_ESCAPE.test(s)) return 'has a "%" that is not followed by two hex digits';
  // Raw bytes above ASCII arrive as Latin-1 characters: the client did not encode them.
  if (/[^\x20-\x7e]/.test(s)) return 'has characters that are not percent-encoded';
  try {
    decodeURIComponent(s.replace(/\+/g, ' '));
    return undefined;
  } catch {
    return 'is not valid UTF-8 once percent-decoded (e.g. %FF, or an encoded surrogate such as %ED%A0%80)';
  }
}

/** A query name as the messages show it (an empty name is described, not printed as nothing). */
const shown = (name: string) => (name === '' ? 'without a name (empty name before "=")' : name);

/**
 * The first parameter of `url`'s query string whose name or value is not valid
 * percent-encoded UTF-8, with a message naming it; undefined when all are valid.
 */
export function findEncodingProblem(url: string): EncodingProblem | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  for (const part of url.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const nameFault = encodingFault(rawName);
    if (nameFault !== undefined) {
      return {
        param: rawName,
        message: `The parameter ${shown(rawName)} ${nameFault.replace(/^has/, 'has a name that has').replace(/^is/, 'has a name that is')}.`,
      };
    }
    const name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    const valueFault = encodingFault(rawValue);
    if (valueFault !== undefined) {
      return {
        param: name,
        message: `The parameter ${shown(name)} ${valueFault}: its value cannot be read.`,
      };
    }
  }
  return undefined;
}
