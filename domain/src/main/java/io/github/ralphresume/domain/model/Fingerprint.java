package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.json.JsonLimitException;
import io.github.ralphresume.domain.json.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A document file reduced to what recovery compares: nothing there, something that cannot be read,
 * or the SHA-256 of its exact bytes. Recovery tells a document an interrupted transfer wrote from
 * one another tool wrote by these bytes, never by what they parse to.
 *
 * @since 0.1.0
 */
public sealed interface Fingerprint {

  /** No file there. */
  record Missing() implements Fingerprint {}

  /**
   * Something that cannot be read as a file: not a regular file, a symbolic link, or an I/O error.
   *
   * @param why a short description for operators
   */
  record Unreadable(String why) implements Fingerprint {
    /**
     * Checks the component.
     *
     * @param why a short description for operators
     */
    public Unreadable {
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * A regular file's bytes.
   *
   * @param sha256 the SHA-256 of the file's bytes, as lower-case hex
   */
  record Bytes(String sha256) implements Fingerprint {
    /**
     * Checks the component.
     *
     * @param sha256 the SHA-256 of the file's bytes, as lower-case hex
     */
    public Bytes {
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /** The singleton missing result. */
  Fingerprint MISSING = new Missing();

  /**
   * The fingerprint of the file writing {@code document} produces: its {@code JSON.stringify(doc,
   * null, 2)} text in UTF-8, streamed through the digest.
   *
   * @param document the document
   * @return its fingerprint
   * @throws JsonLimitException when the document cannot be written (so no file is ever this one)
   */
  static Bytes of(RalphDocument document) {
    MessageDigest digest = sha256();
    try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      JsonText.prettyUtf8(document.root(), Channels.newChannel(sink));
    } catch (IOException impossible) {
      throw new IllegalStateException("a digest does not fail", impossible);
    }
    return of(digest);
  }

  /**
   * Whether this is the fingerprint of the file writing {@code document} produces; never for a
   * document that cannot be written.
   *
   * @param document the document
   * @return whether they match
   */
  default boolean isOf(RalphDocument document) {
    if (!(this instanceof Bytes)) return false;
    try {
      return equals(of(document));
    } catch (JsonLimitException unwritable) {
      return false;
    }
  }

  /**
   * The fingerprint of a file's bytes, fed to {@code digest} (from {@link #sha256()}).
   *
   * @param digest a SHA-256 digest that has seen every byte of the file
   * @return the fingerprint
   */
  static Bytes of(MessageDigest digest) {
    return new Bytes(HexFormat.of().formatHex(digest.digest()));
  }

  /** {@return a fresh SHA-256 digest} */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException absent) {
      // Every Java platform must provide SHA-256 (MessageDigest's documentation).
      throw new IllegalStateException("this Java has no SHA-256", absent);
    }
  }
}
