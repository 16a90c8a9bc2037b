package io.github.ralphresume.app.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests, one at a time, out of the bytes one connection receives, without
 * blocking: the server's loop reads whatever has arrived into {@link #readSpace()} and asks {@link
 * #poll()} whether a request is complete. The framing is checked as RFC 9112 asks of a server: one
 * request line, header names that are tokens, no folded lines or control characters, a body framed
 * by exactly one {@code Content-Length} or by {@code Transfer-Encoding: chunked} (never both),
 * well-formed chunks. Anything else is {@link Malformed}, with a reason in one line. A body over
 * the limit is not read at all: the request comes back marked too large and the connection must
 * close after the answer.
 */
final class RequestFraming {
  static final int MAX_HEADERS = 100;
  static final int MAX_CHUNK_LINE = 1024;

  private static final byte[] EMPTY = new byte[0];
  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

  /** The bytes received are not an HTTP/1.1 request; the message says why, in one line. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String reason) {
      // An answer to give, not a failure to debug: no stack trace.
      super(reason, null, false, false);
    }
  }

  private enum State {
    HEAD,
    FIXED_BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILER
  }

  private final byte[] buffer;
  private final int maxBody;
  private int start;
  private int end;
  private int scanned;
  private State state = State.HEAD;

  private String method;
  private String rawPath;
  private String rawQuery;
  private boolean http10;
  private boolean keepAlive;
  private Map<String, List<String>> headers;
  private byte[] body = EMPTY;
  private int bodyLength;
  private long remaining;
  private boolean tooLarge;
  private boolean continueWanted;
  private int trailerBytes;

  /**
   * @param maxHeadBytes the request line and headers together; also the read buffer's size
   * @param maxBody the largest body read
   */
  RequestFraming(int maxHeadBytes, int maxBody) {
    this.buffer = new byte[maxHeadBytes];
    this.maxBody = maxBody;
  }

  /**
   * Where to read the next bytes into; empty only when the buffer is full of an unfinished head.
   */
  ByteBuffer readSpace() {
    if (start == end) {
      start = 0;
      end = 0;
      scanned = 0;
    } else if (end == buffer.length && start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      scanned = Math.max(0, scanned - start);
      start = 0;
    }
    return ByteBuffer.wrap(buffer, end, buffer.length - end);
  }

  /** {@code count} bytes were read into the last {@link #readSpace()}. */
  void received(int count) {
    end += count;
  }

  /** Whether any byte of the next request has arrived. */
  boolean started() {
    return state != State.HEAD || end > start;
  }

  /** Whether the head is complete and the body is still arriving. */
  boolean inBody() {
    return state != State.HEAD;
  }

  /** Whether bytes beyond the last complete request are waiting (a pipelined request). */
  boolean hasBuffered() {
    return end > start;
  }

  /**
   * True once after a head that asked for {@code 100-continue} and whose body is still to come: the
   * client waits for an interim answer before it sends the body.
   */
  boolean takeContinue() {
    boolean wanted = continueWanted;
    continueWanted = false;
    return wanted;
  }

  /** The next complete request, or null until more bytes arrive. */
  IncomingRequest poll() throws Malformed {
    while (true) {
      switch (state) {
        case HEAD -> {
          if (!readHead()) return null;
          if (state == State.HEAD) return complete();
        }
        case FIXED_BODY -> {
          take();
          if (remaining > 0) return null;
          return complete();
        }
        case CHUNK_SIZE -> {
          String line = line(MAX_CHUNK_LINE, "a chunk-size line is longer than 1 KiB");
          if (line == null) return null;
          if (chunkSize(line)) return complete();
        }
        case CHUNK_DATA -> {
          take();
          if (remaining > 0) return null;
          state = State.CHUNK_END;
        }
        case CHUNK_END -> {
          if (end == start) return null;
          if (buffer[start] == '\r') {
            if (end - start < 2) return null;
            if (buffer[start + 1] != '\n') throw new Malformed("a chunk does not end with CRLF");
            start += 2;
          } else if (buffer[start] == '\n') {
            start++;
          } else {
            throw new Malformed("a chunk is longer than its chunk size says");
          }
          scanned = start;
          state = State.CHUNK_SIZE;
        }
        case TRAILER -> {
          String line = line(buffer.length, "the trailer section is larger than the head limit");
          if (line == null) return null;
          if (line.isEmpty()) return complete();
          trailerBytes += line.length() + 2;
          if (trailerBytes > buffer.length) {
            throw new Malformed("the trailer section is larger than the head limit");
          }
        }
      }
    }
  }

  /** Parses the head once it is complete; false until then. Sets the state of the body. */
  private boolean readHead() throws Malformed {
    // RFC 9112 2.2: ignore empty lines received before the request line.
    while (start < end && (buffer[start] == '\r' || buffer[start] == '\n')) start++;
    scanned = Math.max(scanned, start);
    int headEnd = -1;
    int i = scanned;
    for (; i < end && headEnd < 0; i++) {
      if (buffer[i] != '\n') continue;
      int next = i + 1;
      if (next < end && buffer[next] == '\r') next++;
      // A line end at the very end of what arrived: look at it again when more comes.
      if (next >= end) break;
      if (buffer[next] == '\n') headEnd = next + 1;
    }
    if (headEnd < 0) {
      scanned = i;
      if (end - start >= buffer.length) {
        throw new Malformed(
            "the request line and headers are larger than " + buffer.length / 1024 + " KiB");
      }
      return false;
    }
    String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
    start = headEnd;
    scanned = start;
    String[] lines = head.split("\r?\n");
    requestLine(lines[0]);
    headers(lines);
    framing();
    return true;
  }

  private void requestLine(String line) throws Malformed {
    int first = line.indexOf(' ');
    int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0) {
      throw new Malformed("the request line " + shown(line) + " is not METHOD TARGET HTTP/1.1");
    }
    method = line.substring(0, first);
    String target = line.substring(first + 1, second);
    String version = line.substring(second + 1);
    if (!isToken(method)) throw new Malformed("the method " + shown(method) + " is not a token");
    if (version.equals("HTTP/1.1")) {
      http10 = false;
    } else if (version.equals("HTTP/1.0")) {
      http10 = true;
    } else {
      throw new Malformed("the HTTP version " + shown(version) + " is not HTTP/1.1 or HTTP/1.0");
    }
    try {
      URI uri = new URI(target);
      rawPath = uri.getRawPath();
      rawQuery = uri.getRawQuery();
    } catch (URISyntaxException invalid) {
      throw new Malformed("the request target " + shown(target) + " is not a valid URI");
    }
    if (target.isEmpty() || rawPath == null) {
      throw new Malformed("the request target " + shown(target) + " has no path");
    }
    if (rawPath.isEmpty()) rawPath = "/";
  }

  private void headers(String[] lines) throws Malformed {
    if (lines.length - 1 > MAX_HEADERS) {
      throw new Malformed("the request has more than " + MAX_HEADERS + " header lines");
    }
    headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith(" ") || line.startsWith("\t")) {
        throw new Malformed("a header line is folded onto the next one (obsolete line folding)");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new Malformed("the header line " + shown(line) + " has no name and colon");
      }
      String name = line.substring(0, colon);
      if (!isToken(name)) {
        throw new Malformed("the header name " + shown(name) + " is not a token");
      }
      String value = trimWhitespace(line.substring(colon + 1));
      for (int c = 0; c < value.length(); c++) {
        char at = value.charAt(c);
        if ((at < 0x20 && at != '\t') || at == 0x7f) {
          throw new Malformed("the header " + shown(name) + " holds a control character");
        }
      }
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }
  }

  /** Decides how the body is framed, from the headers just read. */
  private void framing() throws Malformed {
    List<String> connection = tokens(headers.getOrDefault("connection", List.of()));
    keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
    List<String> transferEncoding = headers.get("transfer-encoding");
    List<String> contentLength = headers.get("content-length");
    body = EMPTY;
    bodyLength = 0;
    tooLarge = false;
    state = State.HEAD;
    if (transferEncoding != null) {
      // Both would let a proxy and this server disagree on where the request ends (smuggling).
      if (contentLength != null) {
        throw new Malformed("the request has both Transfer-Encoding and Content-Length");
      }
      if (http10) throw new Malformed("Transfer-Encoding is not allowed in an HTTP/1.0 request");
      if (!tokens(transferEncoding).equals(List.of("chunked"))) {
        throw new Malformed(
            "Transfer-Encoding "
                + shown(String.join(", ", transferEncoding))
                + " is not supported; send chunked or a Content-Length");
      }
      state = State.CHUNK_SIZE;
    } else if (contentLength != null) {
      long length = contentLength(contentLength);
      if (length > maxBody) {
        tooLarge = true;
      } else if (length > 0) {
        body = new byte[(int) length];
        remaining = length;
        state = State.FIXED_BODY;
      }
    }
    String expect = headers.getOrDefault("expect", List.of("")).get(0);
    continueWanted = !http10 && state != State.HEAD && expect.equalsIgnoreCase("100-continue");
  }

  private static long contentLength(List<String> values) throws Malformed {
    long length = -1;
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        String digits = trimWhitespace(part);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new Malformed("Content-Length " + shown(value) + " is not a number");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        long parsed = significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
        if (length >= 0 && parsed != length) {
          throw new Malformed("the request has conflicting Content-Length values");
        }
        length = parsed;
      }
    }
    return length;
  }

  /** Reads a chunk-size line; true when the request is complete (too large to read further). */
  private boolean chunkSize(String line) throws Malformed {
    int semicolon = line.indexOf(';');
    String size = trimWhitespace(semicolon < 0 ? line : line.substring(0, semicolon));
    if (size.isEmpty() || !size.chars().allMatch(RequestFraming::isHexDigit)) {
      throw new Malformed("the chunk size " + shown(size) + " is not a hexadecimal number");
    }
    String significant = size.replaceFirst("^0+(?=.)", "");
    long length = significant.length() > 15 ? Long.MAX_VALUE : Long.parseLong(significant, 16);
    if (length == 0) {
      state = State.TRAILER;
      trailerBytes = 0;
      return false;
    }
    if (bodyLength + length > maxBody) {
      tooLarge = true;
      return true;
    }
    if (body.length < bodyLength + length) {
      body =
          Arrays.copyOf(
              body, (int) Math.min(maxBody, Math.max(bodyLength + length, 2L * body.length)));
    }
    remaining = length;
    state = State.CHUNK_DATA;
    return false;
  }

  /** The next line without its line end, or null while it is incomplete. */
  private String line(int limit, String tooLong) throws Malformed {
    for (int i = Math.max(scanned, start); i < end; i++) {
      if (buffer[i] != '\n') continue;
      int length = i - start;
      if (length > 0 && buffer[i - 1] == '\r') length--;
      if (length > limit) throw new Malformed(tooLong);
      String line = new String(buffer, start, length, StandardCharsets.ISO_8859_1);
      start = i + 1;
      scanned = start;
      return line;
    }
    scanned = end;
    if (end - start > limit || end - start >= buffer.length) throw new Malformed(tooLong);
    return null;
  }

  /** Moves the body bytes that have arrived into the body. */
  private void take() {
    int count = (int) Math.min(remaining, end - start);
    System.arraycopy(buffer, start, body, bodyLength, count);
    bodyLength += count;
    start += count;
    scanned = start;
    remaining -= count;
  }

  private IncomingRequest complete() {
    byte[] bytes =
        tooLarge ? EMPTY : bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    IncomingRequest request =
        new IncomingRequest(
            method, rawPath, rawQuery, http10, headers, bytes, tooLarge, keepAlive && !tooLarge);
    state = State.HEAD;
    body = EMPTY;
    bodyLength = 0;
    headers = null;
    continueWanted = false;
    return request;
  }

  /** The comma-separated tokens of every value, lower case. */
  private static List<String> tokens(List<String> values) {
    List<String> tokens = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        String token = trimWhitespace(part).toLowerCase(Locale.ROOT);
        if (!token.isEmpty()) tokens.add(token);
      }
    }
    return tokens;
  }

  private static String trimWhitespace(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) from++;
    while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) to--;
    return text.substring(from, to);
  }

  static boolean isToken(String text) {
    if (text.isEmpty()) return false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) return false;
    }
    return true;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A received text quoted for a reason: printable ASCII only, cut short. */
  static String shown(String text) {
    StringBuilder printable = new StringBuilder(Math.min(text.length(), 81));
    for (int i = 0; i < text.length() && i < 80; i++) {
      char c = text.charAt(i);
      printable.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return "\"" + printable + (text.length() > 80 ? "…" : "") + "\"";
  }
}
