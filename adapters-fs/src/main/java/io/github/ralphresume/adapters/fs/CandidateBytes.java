package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.CandidateQuery;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a document file's bytes alone prove about a payload's claim on it, before any parsing: a
 * reconcile reads every prior document, nearly all of them are not the payload's, and proving that
 * from the bytes costs a search instead of a parse.
 *
 * <p>{@link #mayBeClaimed} returns false only when no document with these bytes can be claimed by
 * the query, whatever the rest of the text holds (a text that does not parse is claimed by nobody,
 * so the argument may assume that it parses). A claimed document (CandidateVerdict.ownership says
 * MATCHED_BY_SESSION or MATCHED_BY_THREAD) has, at its top level:
 *
 * <ol>
 *   <li><b>{@code "active": true}.</b> JSON spells the value {@code true} only as the four bytes
 *       {@code true}: a literal has no escapes, and the UTF-8 decoding Node applies maps ASCII
 *       bytes to themselves and never produces ASCII from other bytes. So bytes without {@code
 *       true} are claimed by nobody.
 *   <li><b>An owner value V with {@code String(V).trim()} equal to a payload id X</b> (the
 *       payload's Codex session id for a session owner, its thread id for a legacy thread owner; X
 *       is trimmed and not empty). When X is <em>plain</em> ({@link #isPlain}: printable ASCII
 *       without {@code "}, {@code \}, comma, not {@code [object Object]}, not made only of the
 *       characters numbers print with), the bytes hold a <em>spelling</em> of X: its characters in
 *       order, each as itself or as an escape ({@code \}{@code uHHHH} in either case, or {@code \/}
 *       for a slash). For each kind of V:
 *       <ul>
 *         <li>a string: the text between its quotes is a run of tokens, each a raw character or an
 *             escape that stands for one UTF-16 unit; X, a substring of its value once trimmed, is
 *             what a contiguous run of them stands for. An ASCII character comes only from its own
 *             byte (Node's decoder never makes ASCII out of other bytes) or from an escape: {@code
 *             \}{@code u}, or a short one, of which only {@code \/} stands for a character a plain
 *             X may hold. So that run is a spelling of X;
 *         <li>{@code true}, {@code false}: the literal itself is in the bytes; {@code null} gives
 *             {@code ""}, never a payload id;
 *         <li>a number: {@code String(n)} uses only {@code 0-9 + - . e} and the letters of {@code
 *             Infinity} (NaN cannot come from JSON); a plain X holds another character, so no
 *             number prints as X, however the number is spelled ({@code 1e2} prints {@code 100});
 *         <li>an object: prints {@code [object Object]}, which a plain X is not;
 *         <li>an array: its elements' strings joined with commas; a plain X has no comma, so only
 *             an array of one element (nested or not) can print X, and it prints as that element,
 *             which the cases above cover.
 *       </ul>
 *       So a plain X that is spelled nowhere in the bytes owns nothing there. A spelling without
 *       escapes is X's own bytes; one with an escape holds a backslash.
 * </ol>
 *
 * A document is therefore skipped when it lacks {@code true}, or when each payload id is either
 * empty or plain and spelled nowhere. Anything else is read and judged whole. {@code
 * CandidateBytesTest} checks this against a full parse on the Node golden tables and on documents
 * made to trip it; the parity harness checks the whole reconcile against the original.
 *
 * <p>The launcher runs the JVM without its optimising compiler, so the searches are kept to array
 * reads and comparisons: {@code true} and each id are looked for with Horspool's skip table (most
 * bytes are never read), and only a document with a backslash is searched byte by byte.
 */
final class CandidateBytes {
  private static final Needle TRUE = new Needle(new byte[] {'t', 'r', 'u', 'e'});

  // Per payload id: null when it is empty (it claims nothing), ANYWHERE when it is not plain (the
  // bytes prove nothing about it), else its bytes.
  private static final Needle ANYWHERE = new Needle(new byte[0]);

  private final Needle session;
  private final Needle thread;

  private CandidateBytes(Needle session, Needle thread) {
    this.session = session;
    this.thread = thread;
  }

  /**
   * The filter for a query.
   *
   * @param query the payload's ids, trimmed
   * @return its filter
   */
  static CandidateBytes of(CandidateQuery query) {
    return new CandidateBytes(
        needle(query.payloadCodexSessionId()), needle(query.payloadCodexThreadId()));
  }

  private static Needle needle(String id) {
    if (id.isEmpty()) return null;
    return isPlain(id) ? new Needle(id.getBytes(StandardCharsets.US_ASCII)) : ANYWHERE;
  }

  /**
   * Whether only a string owner can print as {@code id}, and only through a spelling this class
   * finds (see the class comment): printable ASCII without {@code "} or {@code \} (whose short
   * escapes it does not follow), no comma, not {@code [object Object]}, and not made only of the
   * characters a number prints with.
   */
  static boolean isPlain(String id) {
    if (id.equals("[object Object]")) return false;
    boolean numberLike = true;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\' || c == ',') return false;
      if (!printsInNumbers(c)) numberLike = false;
    }
    return !numberLike;
  }

  /** The characters of {@code String(n)} for every double n: digits, sign, point, exponent. */
  private static boolean printsInNumbers(char c) {
    return (c >= '0' && c <= '9') || "+-.eInfity".indexOf(c) >= 0;
  }

  /**
   * Whether the query may claim a document with these bytes; false only when it provably cannot.
   *
   * @param bytes the file's bytes, from index 0
   * @param length how many of them
   * @return false when no document with these bytes can be claimed
   */
  boolean mayBeClaimed(byte[] bytes, int length) {
    if (session == null && thread == null) return false;
    if (!TRUE.in(bytes, length)) return false;
    if (session == ANYWHERE || thread == ANYWHERE) return true;
    if ((session != null && session.in(bytes, length))
        || (thread != null && thread.in(bytes, length))) {
      return true;
    }
    // No spelling without escapes; one with escapes needs a backslash.
    int backslash = indexOfBackslash(bytes, length);
    if (backslash < 0) return false;
    return (session != null && session.spelled(bytes, length, backslash))
        || (thread != null && thread.spelled(bytes, length, backslash));
  }

  private static int indexOfBackslash(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\\') return i;
    }
    return -1;
  }

  /** ASCII bytes to look for. */
  private static final class Needle {
    private final byte[] bytes;
    private final int[] skip = new int[256];

    Needle(byte[] bytes) {
      this.bytes = bytes;
      Arrays.fill(skip, bytes.length);
      for (int i = 0; i < bytes.length - 1; i++) skip[bytes[i] & 0xFF] = bytes.length - 1 - i;
    }

    /** Whether the bytes are in the text, by Horspool's search. */
    boolean in(byte[] text, int length) {
      int n = bytes.length;
      int last = n - 1;
      for (int at = 0; at + n <= length; at += skip[text[at + last] & 0xFF]) {
        int j = last;
        while (j >= 0 && text[at + j] == bytes[j]) j--;
        if (j < 0) return true;
      }
      return false;
    }

    /**
     * Whether a spelling with escapes is in the text, given the first backslash: such a spelling
     * holds a backslash, so it starts at most {@code length - 1} characters before the first one,
     * and it starts with the needle's first byte or with a backslash.
     */
    boolean spelled(byte[] text, int length, int firstBackslash) {
      for (int at = Math.max(0, firstBackslash - (bytes.length - 1)); at < length; at++) {
        byte b = text[at];
        if ((b == bytes[0] || b == '\\') && spelledAt(text, length, at)) return true;
      }
      return false;
    }

    /** Whether the needle is spelled from {@code at}, each byte as itself or as an escape. */
    private boolean spelledAt(byte[] text, int length, int at) {
      int i = at;
      for (byte wanted : bytes) {
        if (i < length && text[i] == wanted) {
          i++;
        } else if (i + 1 < length && text[i] == '\\' && text[i + 1] == '/' && wanted == '/') {
          i += 2;
        } else if (i + 5 < length
            && text[i] == '\\'
            && text[i + 1] == 'u'
            && hex(text[i + 2]) == 0
            && hex(text[i + 3]) == 0
            && hex(text[i + 4]) * 16 + hex(text[i + 5]) == wanted) {
          i += 6;
        } else {
          return false;
        }
      }
      return true;
    }

    /** A hex digit's value, or -256 for any other byte (no sum of two can then match). */
    private static int hex(byte b) {
      if (b >= '0' && b <= '9') return b - '0';
      if (b >= 'a' && b <= 'f') return b - 'a' + 10;
      if (b >= 'A' && b <= 'F') return b - 'A' + 10;
      return -256;
    }
  }
}
