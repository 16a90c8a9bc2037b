package io.github.ralphresume.adapters.fs;

import io.github.ralphresume.domain.model.CandidateQuery;
import java.nio.charset.StandardCharsets;

/**
 * What a document file's bytes alone prove about a payload's claim on it, before any parsing: a
 * reconcile reads every prior document, nearly all of them are not the payload's, and proving that
 * from the bytes costs one pass over them instead of a parse.
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
 *       is trimmed and not empty). When X is <em>plain</em> and the bytes hold no backslash, the
 *       bytes contain the UTF-8 encoding of X. For each kind of V:
 *       <ul>
 *         <li>a string: without a backslash it has no escapes, so its characters are those of the
 *             text, and X, a substring of it once trimmed, is in the text; a plain X holds no
 *             U+FFFD, the one character Node's decoder makes out of other bytes, so every character
 *             of X came from its own UTF-8 bytes, which are in the file in order;
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
 *       So a plain X that is not in the bytes (with no backslash in them) owns nothing there.
 * </ol>
 *
 * A document is therefore skipped when it lacks {@code true}, or when it has no backslash and each
 * payload id is either empty or plain and absent. Anything else is read and judged whole. {@code
 * CandidateBytesTest} checks this against a full parse on the Node golden tables and on documents
 * made to trip it; the parity harness checks the whole reconcile against the original.
 */
final class CandidateBytes {
  /** What a payload id proves: its bytes to look for, or that it proves nothing. */
  private static final Needle ANYWHERE = new Needle(new byte[0]);

  // Per payload id: null when it is empty (it claims nothing), ANYWHERE when it is not plain (its
  // absence proves nothing), else its UTF-8 bytes.
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
    return isPlain(id) ? new Needle(id.getBytes(StandardCharsets.UTF_8)) : ANYWHERE;
  }

  /**
   * Whether only a string owner can print as {@code id} (see the class comment): no comma, not
   * {@code [object Object]}, not made only of characters a number prints with, and no character a
   * decoder makes from other bytes (U+FFFD) or that UTF-8 cannot encode (a lone surrogate).
   */
  static boolean isPlain(String id) {
    if (id.equals("[object Object]")) return false;
    boolean numberLike = true;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == ',' || c == '\uFFFD') return false;
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < id.length()
                && Character.isLowSurrogate(id.charAt(i + 1));
        if (!paired) return false;
        i++;
        numberLike = false;
        continue;
      }
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
    // The launcher runs the JVM without its optimising compiler: these loops are kept to plain
    // array reads and comparisons, without calls.
    boolean active = false;
    boolean escapes = false;
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b == '\\') {
        escapes = true;
        if (active) return true;
      } else if (b == 't'
          && !active
          && i + 3 < length
          && bytes[i + 1] == 'r'
          && bytes[i + 2] == 'u'
          && bytes[i + 3] == 'e') {
        active = true;
        if (escapes) return true;
      }
    }
    if (!active) return false;
    return (session != null && session.in(bytes, length))
        || (thread != null && thread.in(bytes, length));
  }

  /** Bytes to look for, with Horspool's skip table: most of the text is never looked at. */
  private static final class Needle {
    private final byte[] bytes;
    private final int[] skip = new int[256];

    Needle(byte[] bytes) {
      this.bytes = bytes;
      java.util.Arrays.fill(skip, bytes.length);
      for (int i = 0; i < bytes.length - 1; i++) skip[bytes[i] & 0xFF] = bytes.length - 1 - i;
    }

    /** Whether the needle is in the text; the empty needle ({@link #ANYWHERE}) is everywhere. */
    boolean in(byte[] text, int length) {
      int n = bytes.length;
      if (n == 0) return true;
      int last = n - 1;
      for (int at = 0; at + n <= length; at += skip[text[at + last] & 0xFF]) {
        int j = last;
        while (j >= 0 && text[at + j] == bytes[j]) j--;
        if (j < 0) return true;
      }
      return false;
    }
  }
}
