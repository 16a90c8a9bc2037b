package io.github.ralphresume.domain.usecase;

import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.Fingerprint;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import io.github.ralphresume.domain.port.RalphStateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/** A state store in memory that counts every change, for use-case tests without a disk. */
final class InMemoryStateStore implements RalphStateStore {
  final Map<OmxSessionId, StoredDocument> documents = new LinkedHashMap<>();
  final List<String> changes = new ArrayList<>();

  /** Writes to these sessions fail with the given exception, as a full disk would. */
  final Map<OmxSessionId, RuntimeException> failingWrites = new LinkedHashMap<>();

  static OmxSessionId id(String value) {
    return new OmxSessionId(value);
  }

  /** A Ralph document as the reference tests write them, then extra alternating keys and values. */
  static RalphDocument ralph(Object... extraMembers) {
    List<Object> all =
        new ArrayList<>(
            List.of(
                "active",
                true,
                "iteration",
                4,
                "max_iterations",
                10,
                "current_phase",
                "executing"));
    all.addAll(List.of(extraMembers));
    return document(all.toArray());
  }

  /** A document from alternating keys and values (String, Boolean, Number). */
  static RalphDocument document(Object... keysAndValues) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      JsonValue json =
          value instanceof String s
              ? JsonValue.of(s)
              : value instanceof Boolean b
                  ? JsonValue.of(b)
                  : JsonValue.of(((Number) value).doubleValue());
      members.put((String) keysAndValues[i], json);
    }
    return RalphDocument.of(new JsonObject(members));
  }

  InMemoryStateStore session(String session) {
    documents.putIfAbsent(id(session), StoredDocument.MISSING);
    return this;
  }

  InMemoryStateStore put(String session, RalphDocument document) {
    documents.put(id(session), new StoredDocument.Present(document));
    return this;
  }

  InMemoryStateStore unreadable(String session) {
    documents.put(id(session), new StoredDocument.Unreadable("not valid JSON"));
    return this;
  }

  RalphDocument get(String session) {
    return ((StoredDocument.Present) documents.get(id(session))).document();
  }

  @Override
  public Stream<OmxSessionId> sessions() {
    return new ArrayList<>(documents.keySet()).stream();
  }

  @Override
  public boolean sessionExists(OmxSessionId session) {
    return documents.containsKey(session);
  }

  @Override
  public StoredDocument read(OmxSessionId session) {
    return documents.getOrDefault(session, StoredDocument.MISSING);
  }

  @Override
  public Fingerprint fingerprint(OmxSessionId session) {
    StoredDocument stored = read(session);
    if (stored instanceof StoredDocument.Present present) return Fingerprint.of(present.document());
    if (stored instanceof StoredDocument.Unreadable unreadable) {
      return new Fingerprint.Unreadable(unreadable.why());
    }
    return Fingerprint.MISSING;
  }

  @Override
  public OptionalDouble modifiedMillis(OmxSessionId session) {
    return OptionalDouble.empty();
  }

  @Override
  public void write(OmxSessionId session, RalphDocument document) {
    RuntimeException failure = failingWrites.get(session);
    if (failure != null) throw failure;
    changes.add("write " + session);
    documents.put(session, new StoredDocument.Present(document));
  }

  @Override
  public void prepareSession(OmxSessionId session) {
    documents.putIfAbsent(session, StoredDocument.MISSING);
  }

  @Override
  public void delete(OmxSessionId session) {
    changes.add("delete " + session);
    documents.put(session, StoredDocument.MISSING);
  }

  @Override
  public void removeCrashLeftovers(OmxSessionId session) {
    changes.add("tidy " + session);
  }

  @Override
  public String documentPath(OmxSessionId session) {
    return "state/sessions/" + session + "/ralph-state.json";
  }
}
