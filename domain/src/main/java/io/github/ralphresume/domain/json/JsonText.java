package io.github.ralphresume.domain.json;

import io.github.ralphresume.domain.js.JsNumbers;
import io.github.ralphresume.domain.js.JsStrings;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON exactly as JavaScript's {@code JSON.stringify} does, so that a document written by
 * this tool is byte-for-byte the one the TypeScript original would write.
 *
 * <p>Documents are written within {@code JSON.stringify}'s own limits, which the original hits as a
 * {@code RangeError} and so fails its reconcile: values nested deeper than {@link #MAX_DEPTH}, and
 * text longer than JavaScript's longest string ({@link JsStrings#MAX_LENGTH}). Past either, {@link
 * #pretty} throws {@link JsonLimitException}: a document nested 5,000 deep (whose indentation alone
 * would be 50 MB) or one of 100,000 is refused, not written, as the original refuses it. The writer
 * does not recurse, and {@link #pretty(JsonValue, Appendable)} streams, so neither the stack nor
 * the heap depends on the document.
 *
 * @since 0.1.0
 */
public final class JsonText {
  private JsonText() {}

  /**
   * The deepest value {@code JSON.stringify} writes, counting the document itself as depth 1 and
   * every element or member value one deeper (scalars included): {@value}. Measured on the original
   * (Node 20, default stack) through its reconcile: a document whose deepest value is at depth
   * 4,120 is written, one at 4,121 fails with "Maximum call stack size exceeded".
   */
  public static final int MAX_DEPTH = 4120;

  /** Text is handed to a streaming sink in chunks of about this many characters. */
  private static final int CHUNK = 8192;

  /**
   * {@code JSON.stringify(value, null, 2)}: two-space indentation, no trailing newline.
   *
   * @param value the value
   * @return its text
   * @throws JsonLimitException when JavaScript could not write it either
   */
  public static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder(256);
    try {
      write(value, out, true, true);
    } catch (IOException impossible) {
      throw new IllegalStateException("a StringBuilder does not fail", impossible);
    }
    return out.toString();
  }

  /**
   * {@code JSON.stringify(value, null, 2)}, handed to {@code out} in chunks as it is produced, so a
   * large document is never held as text.
   *
   * @param value the value
   * @param out where the text goes
   * @throws IOException when {@code out} fails
   * @throws JsonLimitException when JavaScript could not write it either (part of the text may have
   *     reached {@code out} by then)
   */
  public static void pretty(JsonValue value, Appendable out) throws IOException {
    write(value, out, true, true);
  }

  /**
   * {@code JSON.stringify(value, null, 2)} as UTF-8 bytes, streamed to {@code out}: how a document
   * reaches its file, and how its fingerprint is taken, without its text ever being held whole.
   *
   * @param value the value
   * @param out where the bytes go
   * @throws IOException when {@code out} fails
   * @throws JsonLimitException when JavaScript could not write it either (part of the bytes may
   *     have reached {@code out} by then)
   */
  public static void prettyUtf8(JsonValue value, WritableByteChannel out) throws IOException {
    prettyUtf8(value, out, true);
  }

  /**
   * {@link #prettyUtf8(JsonValue, WritableByteChannel)}, with or without JavaScript's limits. A
   * file of this tool's own that embeds documents (the transfer journal) is written without them:
   * its documents passed them already, and it is one level deeper and several documents long.
   *
   * @param value the value
   * @param out where the bytes go
   * @param limited whether JSON.stringify's depth and length limits apply
   * @throws IOException when {@code out} fails
   */
  public static void prettyUtf8(JsonValue value, WritableByteChannel out, boolean limited)
      throws IOException {
    // The encoder keeps a high surrogate that ends one chunk for the low one that starts the next.
    Writer text = Channels.newWriter(out, StandardCharsets.UTF_8.newEncoder(), CHUNK);
    write(value, text, true, limited);
    text.flush();
  }

  /**
   * Checks that {@code JSON.stringify(value, null, 2)} succeeds, without keeping the text.
   *
   * @param value the value
   * @throws JsonLimitException when JavaScript could not write it
   */
  public static void requireWritable(JsonValue value) {
    try {
      write(value, DISCARD, true, true);
    } catch (IOException impossible) {
      throw new IllegalStateException("discarding does not fail", impossible);
    }
  }

  /**
   * {@code JSON.stringify(value)}: no white space at all. Not limited: it describes documents (in
   * {@code explain}, say), it does not write them.
   *
   * @param value the value
   * @return its text
   */
  public static String compact(JsonValue value) {
    StringBuilder out = new StringBuilder(128);
    try {
      write(value, out, false, false);
    } catch (IOException impossible) {
      throw new IllegalStateException("a StringBuilder does not fail", impossible);
    }
    return out.toString();
  }

  /**
   * {@code JSON.stringify(value)}, handed to {@code out} in chunks as it is produced.
   *
   * @param value the value
   * @param out where the text goes
   * @throws IOException when {@code out} fails (which may be how it stops the writing early)
   */
  public static void compact(JsonValue value, Appendable out) throws IOException {
    write(value, out, false, false);
  }

  /**
   * Writes without recursion, so no document can overflow the Java stack; {@code limited} applies
   * JSON.stringify's depth and length limits.
   */
  private static void write(JsonValue root, Appendable sink, boolean pretty, boolean limited)
      throws IOException {
    Out out = new Out(sink, limited);
    java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
    JsonValue next = root;
    while (true) {
      if (next != null) {
        if (limited && stack.size() >= MAX_DEPTH) {
          throw new JsonLimitException(
              "the document is nested deeper than "
                  + MAX_DEPTH
                  + " levels, which JavaScript's JSON.stringify cannot write either");
        }
        if (next instanceof JsonArray array && !array.elements().isEmpty()) {
          out.text.append('[');
          stack.push(new Frame(array.elements().iterator(), null));
        } else if (next instanceof JsonObject object && !object.members().isEmpty()) {
          out.text.append('{');
          stack.push(new Frame(null, object.members().entrySet().iterator()));
        } else {
          writeScalar(next, out);
        }
        next = null;
        out.checkpoint();
      }
      Frame top = stack.peek();
      if (top == null) {
        out.finish();
        return;
      }
      if (top.hasNext()) {
        if (top.count++ > 0) out.text.append(',');
        if (pretty) newline(out.text, stack.size());
        if (top.elements != null) {
          next = top.elements.next();
        } else {
          Map.Entry<String, JsonValue> member = top.members.next();
          quote(member.getKey(), out);
          out.text.append(pretty ? ": " : ":");
          next = member.getValue();
        }
      } else {
        stack.pop();
        if (pretty) newline(out.text, stack.size());
        out.text.append(top.elements != null ? ']' : '}');
      }
    }
  }

  private static void newline(StringBuilder out, int depth) {
    out.append('\n');
    for (int i = 0; i < depth; i++) out.append("  ");
  }

  /**
   * The text being produced: appended to a StringBuilder that is the result itself, or handed on to
   * a sink chunk by chunk; counted either way against JavaScript's longest string.
   */
  private static final class Out {
    final Appendable sink;
    final StringBuilder text;
    final boolean direct;
    final boolean limited;
    long handedOn;

    Out(Appendable sink, boolean limited) {
      this.sink = sink;
      this.limited = limited;
      this.direct = sink instanceof StringBuilder;
      this.text = direct ? (StringBuilder) sink : new StringBuilder(CHUNK + 256);
    }

    /** Hands a full chunk on, and fails once the text is longer than JavaScript allows. */
    void checkpoint() throws IOException {
      if (limited && handedOn + text.length() > JsStrings.MAX_LENGTH) {
        throw new JsonLimitException(
            "the document's JSON text would be longer than "
                + JsStrings.MAX_LENGTH
                + " characters, JavaScript's longest string, so JSON.stringify cannot write it"
                + " either");
      }
      if (!direct && text.length() >= CHUNK) handOn();
    }

    void finish() throws IOException {
      checkpoint();
      if (!direct && text.length() > 0) handOn();
    }

    private void handOn() throws IOException {
      handedOn += text.length();
      sink.append(text);
      text.setLength(0);
    }
  }

  /** Counts what it is given and keeps nothing. */
  private static final Appendable DISCARD =
      new Appendable() {
        @Override
        public Appendable append(CharSequence csq) {
          return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
          return this;
        }

        @Override
        public Appendable append(char c) {
          return this;
        }
      };

  /** An open array or object and how far it has been written. */
  private static final class Frame {
    final Iterator<JsonValue> elements;
    final Iterator<Map.Entry<String, JsonValue>> members;
    int count;

    Frame(Iterator<JsonValue> elements, Iterator<Map.Entry<String, JsonValue>> members) {
      this.elements = elements;
      this.members = members;
    }

    boolean hasNext() {
      return elements != null ? elements.hasNext() : members.hasNext();
    }
  }

  private static void writeScalar(JsonValue value, Out out) throws IOException {
    if (value instanceof JsonValue.Null) {
      out.text.append("null");
    } else if (value instanceof JsonValue.Bool b) {
      out.text.append(b.value() ? "true" : "false");
    } else if (value instanceof JsonValue.Num n) {
      double d = n.value();
      out.text.append(Double.isFinite(d) ? JsNumbers.toJsString(d) : "null");
    } else if (value instanceof JsonValue.Str s) {
      quote(s.value(), out);
    } else if (value instanceof JsonArray) {
      out.text.append("[]");
    } else {
      out.text.append("{}");
    }
  }

  /** Quotes a string in pieces, so a long one is handed on (and limited) as it goes. */
  private static void quote(String text, Out out) throws IOException {
    if (text.length() <= CHUNK) {
      quote(text, out.text);
      return;
    }
    out.text.append('"');
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + CHUNK);
      // Never split a surrogate pair: each half alone would be escaped.
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end++;
      escape(text, start, end, out.text);
      start = end;
      out.checkpoint();
    }
    out.text.append('"');
  }

  /**
   * JSON.stringify's string quoting, including its escaping of lone surrogates.
   *
   * @param text the string
   * @param out where the quoted string is appended
   */
  public static void quote(String text, StringBuilder out) {
    out.append('"');
    escape(text, 0, text.length(), out);
    out.append('"');
  }

  private static void escape(String text, int from, int length, StringBuilder out) {
    int run = from;
    for (int i = from; i < length; i++) {
      char c = text.charAt(i);
      // Most characters are copied as they are: in runs, not one by one.
      if (c >= 0x20
          && c != '"'
          && c != '\\'
          && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)) {
        continue;
      }
      out.append(text, run, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            appendUnicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
              out.append(c).append(text.charAt(++i));
            } else {
              appendUnicodeEscape(c, out);
            }
          } else {
            appendUnicodeEscape(c, out); // a lone low surrogate
          }
        }
      }
      run = i + 1;
    }
    out.append(text, run, length);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void appendUnicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
