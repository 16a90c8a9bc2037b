package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsStrings;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of one OMX session: the name of its directory under {@code <stateDir>/sessions}. Only ids
 * matching {@code ^[A-Za-z0-9_-]{1,64}$} exist, so no path can be built from anything else.
 *
 * @param value the id
 * @since 0.1.0
 */
public record OmxSessionId(String value) {
  /**
   * Checks and normalises the components.
   *
   * @param value the id
   */
  public OmxSessionId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "invalid OMX session id \"" + value + "\": expected 1-64 of A-Z a-z 0-9 _ -");
    }
  }

  /**
   * Whether {@code text} is a well-formed OMX session id.
   *
   * @param text the candidate, not null
   * @return whether it is 1 to 64 of {@code A-Z a-z 0-9 _ -}
   */
  public static boolean isValid(String text) {
    int length = text.length();
    if (length == 0 || length > 64) return false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!JsStrings.isWordChar(c) && c != '-') return false;
    }
    return true;
  }

  /**
   * The id, if {@code text} is one.
   *
   * @param text the candidate, or null
   * @return the id, or empty
   */
  public static Optional<OmxSessionId> parse(String text) {
    return text != null && isValid(text) ? Optional.of(new OmxSessionId(text)) : Optional.empty();
  }

  /** {@return the regular expression ids match, for documentation and error messages} */
  public static Pattern pattern() {
    // Compiled on demand: isValid() does not need it, and a cold run should not pay for regex.
    return Pattern.compile("[A-Za-z0-9_-]{1,64}");
  }

  // Written out: a record's generated equals/hashCode bootstrap method handles on first use,
  // which cost a cold CLI run (one per agent turn) over 20 ms.
  @Override
  public boolean equals(Object other) {
    return other instanceof OmxSessionId id && value.equals(id.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
