package io.github.ralphresume.domain.model;

import io.github.ralphresume.domain.js.JsStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Codex identity a reconcile looks for loops of: which prior sessions' loops the payload's
 * conversation could own. The payload ids are trimmed as the original trims them before it compares
 * owners; an empty one matches nothing.
 *
 * @param payloadCodexSessionId the payload's Codex session id, trimmed ({@code ""} when it has
 *     none)
 * @param payloadCodexThreadId the payload's Codex thread id, trimmed ({@code ""} when it has none)
 * @since 0.1.0
 */
public record CandidateQuery(String payloadCodexSessionId, String payloadCodexThreadId) {
  /**
   * Trims the payload ids (JavaScript's {@code trim}).
   *
   * @param payloadCodexSessionId the payload's Codex session id, as given
   * @param payloadCodexThreadId the payload's Codex thread id, as given
   */
  public CandidateQuery {
    payloadCodexSessionId =
        JsStrings.trim(Objects.requireNonNull(payloadCodexSessionId, "payloadCodexSessionId"));
    payloadCodexThreadId =
        JsStrings.trim(Objects.requireNonNull(payloadCodexThreadId, "payloadCodexThreadId"));
  }

  /**
   * {@return the owner keys this payload claims: its Codex session and its thread, each when not
   * empty; an active loop is the payload's exactly when its {@link OwnerKey} is one of them}
   */
  public List<OwnerKey> keys() {
    List<OwnerKey> keys = new ArrayList<>(2);
    if (!payloadCodexSessionId.isEmpty())
      keys.add(new OwnerKey.CodexSession(payloadCodexSessionId));
    if (!payloadCodexThreadId.isEmpty()) keys.add(new OwnerKey.CodexThread(payloadCodexThreadId));
    return List.copyOf(keys);
  }

  /**
   * Whether a loop owned by {@code key} is this payload's.
   *
   * @param key the loop's owner key
   * @return whether the payload claims it
   */
  public boolean claims(OwnerKey key) {
    return key instanceof OwnerKey.CodexSession
        ? key.id().equals(payloadCodexSessionId)
        : key.id().equals(payloadCodexThreadId);
  }
}
