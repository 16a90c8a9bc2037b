package io.github.ralphresume.adapters.fs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 as Node's {@code readFile(path, 'utf-8')} does: every maximal invalid subpart
 * becomes one U+FFFD (the WHATWG/Unicode practice). The JDK's decoder replaces some invalid
 * sequences (encoded surrogates, for one) with a single U+FFFD where Node writes three, and the
 * replaced characters are written back into documents, so the difference would show on disk.
 */
final class Utf8 {
  private Utf8() {}

  static String decode(byte[] bytes) {
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = strict.decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException invalid) {
      return decodeReplacing(bytes);
    }
  }

  /** The WHATWG UTF-8 decoder with replacement. */
  static String decodeReplacing(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    decode(bytes, out);
    return out.toString();
  }

  /**
   * How many UTF-16 code units Node's decoding of {@code bytes} yields, without decoding them: what
   * JavaScript's string length limit is measured in.
   */
  static long utf16Length(byte[] bytes) {
    return decode(bytes, null);
  }

  /** Decodes into {@code out}, or only counts when it is null; returns the UTF-16 length. */
  private static long decode(byte[] bytes, StringBuilder out) {
    long units = 0;
    int codePoint = 0;
    int bytesNeeded = 0;
    int bytesSeen = 0;
    int lowerBoundary = 0x80;
    int upperBoundary = 0xBF;
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      if (bytesNeeded == 0) {
        i++;
        if (b <= 0x7F) {
          units++;
          if (out != null) out.append((char) b);
        } else if (b >= 0xC2 && b <= 0xDF) {
          bytesNeeded = 1;
          codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          if (b == 0xE0) lowerBoundary = 0xA0;
          if (b == 0xED) upperBoundary = 0x9F;
          bytesNeeded = 2;
          codePoint = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b == 0xF0) lowerBoundary = 0x90;
          if (b == 0xF4) upperBoundary = 0x8F;
          bytesNeeded = 3;
          codePoint = b & 0x7;
        } else {
          units++;
          if (out != null) out.append('\uFFFD');
        }
        continue;
      }
      if (b < lowerBoundary || b > upperBoundary) {
        // The byte is not consumed: it may start the next sequence.
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
        lowerBoundary = 0x80;
        upperBoundary = 0xBF;
        units++;
        if (out != null) out.append('\uFFFD');
        continue;
      }
      i++;
      lowerBoundary = 0x80;
      upperBoundary = 0xBF;
      codePoint = (codePoint << 6) | (b & 0x3F);
      bytesSeen++;
      if (bytesSeen == bytesNeeded) {
        units += Character.charCount(codePoint);
        if (out != null) out.appendCodePoint(codePoint);
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
      }
    }
    if (bytesNeeded != 0) {
      units++;
      if (out != null) out.append('\uFFFD');
    }
    return units;
  }
}
