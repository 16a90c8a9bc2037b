package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.js.JsStrings;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ralph-resume's entries in a Codex {@code hooks.json}: what they are, how they are merged into a
 * file that holds other hooks, found again and removed. Pure: text in, text out.
 *
 * <p>Codex's shape: {@code {"hooks": {"<Event>": [{"matcher": "…", "hooks": [{"type": "command",
 * "command": "…", "timeout": N}]}]}}}. Codex keys the trust a person gives a hook by its position
 * ({@code <file>:<event>:<group>:<handler>}), so nobody else's entry moves: ours are kept where
 * they are when they are already right, and appended as a group of their own otherwise.
 */
final class CodexHooks {
  /** The events ralph-resume reconciles on, in the order Codex runs them in a turn. */
  static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "Stop");

  /** SessionStart fires for new and resumed conversations alike; both can need a reconcile. */
  static final String SESSION_START_MATCHER = "startup|resume";

  /**
   * Codex kills a hook after this many seconds. The hook bounds itself well below: 2 s for stdin, 5
   * s for the lock, plus the JVM (about a second more on the run that records the class-data
   * archive).
   */
  static final int TIMEOUT_SECONDS = 30;

  /** The launcher's file name, which is how an entry of another installation is recognised. */
  static final String LAUNCHER_NAME = "ralph-resume";

  private CodexHooks() {}

  /** A hooks file that cannot be merged into, with a one-line reason. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String reason) {
      super(reason);
    }
  }

  /** One of our handlers as Codex indexes it. */
  record Entry(String event, int group, int handler, String command) {}

  /**
   * The file's document; an empty (or blank) file reads as an empty one, since Codex cannot read it
   * either and nothing is lost by filling it.
   *
   * @throws Malformed when it is not JSON or not of Codex's shape
   */
  static JsonObject parse(String text) throws Malformed {
    if (JsStrings.trim(text).isEmpty()) return JsonObject.EMPTY;
    Optional<JsonValue> parsed = JavaScriptJson.parse(text);
    if (parsed.isEmpty()) throw new Malformed("is not valid JSON");
    if (!(parsed.get() instanceof JsonObject root)) throw new Malformed("is not a JSON object");
    checkShape(root);
    return root;
  }

  private static void checkShape(JsonObject root) throws Malformed {
    Optional<JsonValue> hooks = root.get("hooks");
    if (hooks.isEmpty()) return;
    if (!(hooks.get() instanceof JsonObject events)) {
      throw new Malformed("has a \"hooks\" member that is not an object");
    }
    for (Map.Entry<String, JsonValue> event : events.members().entrySet()) {
      String where = "hooks." + event.getKey();
      if (!(event.getValue() instanceof JsonArray groups)) {
        throw new Malformed("has " + where + " that is not an array");
      }
      for (int g = 0; g < groups.elements().size(); g++) {
        String group = where + "[" + g + "]";
        if (!(groups.elements().get(g) instanceof JsonObject object)) {
          throw new Malformed("has " + group + " that is not an object");
        }
        Optional<JsonValue> matcher = object.get("matcher");
        if (matcher.isPresent()
            && !(matcher.get() instanceof JsonValue.Str)
            && !(matcher.get() instanceof JsonValue.Null)) {
          throw new Malformed("has " + group + ".matcher that is not a string");
        }
        Optional<JsonValue> handlers = object.get("hooks");
        if (handlers.isEmpty()) continue;
        if (!(handlers.get() instanceof JsonArray list)) {
          throw new Malformed("has " + group + ".hooks that is not an array");
        }
        for (int h = 0; h < list.elements().size(); h++) {
          if (!(list.elements().get(h) instanceof JsonObject)) {
            throw new Malformed("has " + group + ".hooks[" + h + "] that is not an object");
          }
        }
      }
    }
  }

  /** The file's text as written: {@code JSON.stringify(document, null, 2)} and a newline. */
  static String text(JsonObject document) {
    return JsonText.pretty(document) + "\n";
  }

  /**
   * The shell command a hook runs: the launcher by absolute path, quoted for the shell Codex runs
   * it with, and {@code hook}.
   */
  static String command(String launcher) {
    return ShellWords.quote(launcher) + " hook";
  }

  /**
   * Whether a handler's command is ours: this installation's exact command, or any launcher named
   * {@code ralph-resume} running {@code hook} with no other argument (an installation that moved).
   */
  static boolean isOurs(String command, String ourCommand) {
    if (command.equals(ourCommand)) return true;
    Optional<List<String>> words = ShellWords.split(command);
    if (words.isEmpty() || words.get().size() != 2 || !words.get().get(1).equals("hook")) {
      return false;
    }
    String program = words.get().get(0);
    String name = program.substring(program.lastIndexOf('/') + 1);
    return name.equals(LAUNCHER_NAME);
  }

  /**
   * Whether a {@code notify} command runs ralph-resume's hook: a word naming a launcher called
   * {@code ralph-resume} followed by {@code hook} (directly, or through a shell's {@code -c}).
   */
  static boolean notifyRunsOurHook(List<String> notify) {
    for (String word : notify) {
      // A script for a shell: its words, or roughly (blanks, quotes dropped) when it is more than
      // a simple command; this only decides what doctor says.
      List<String> inner =
          ShellWords.split(word)
              .orElseGet(
                  () -> List.of(word.replace("'", "").replace("\"", "").split("[ \t\n;|&]+")));
      if (inner.size() > 1 && notifyRunsOurHookDirectly(inner)) return true;
    }
    return notifyRunsOurHookDirectly(notify);
  }

  private static boolean notifyRunsOurHookDirectly(List<String> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      String word = words.get(i);
      String name = word.substring(word.lastIndexOf('/') + 1);
      if (name.equals(LAUNCHER_NAME) && words.get(i + 1).equals("hook")) return true;
    }
    return false;
  }

  /** {@code document} with our three entries, each running {@code ourCommand}. */
  static JsonObject install(JsonObject document, String ourCommand) {
    JsonObject events = eventsOf(document);
    for (String event : EVENTS) {
      JsonObject wanted = group(event, ourCommand);
      List<JsonValue> groups = groupsOf(events, event);
      int keep = groups.indexOf(wanted);
      List<JsonValue> merged = withoutOurs(groups, ourCommand, keep);
      if (keep < 0) merged.add(wanted);
      events = events.with(event, new JsonArray(merged));
    }
    return document.with("hooks", events);
  }

  /** {@code document} without any entry of ours; every other hook and key stays as it was. */
  static JsonObject uninstall(JsonObject document, String ourCommand) {
    if (!(document.get("hooks").orElse(null) instanceof JsonObject events)) return document;
    JsonObject result = events;
    for (Map.Entry<String, JsonValue> event : events.members().entrySet()) {
      List<JsonValue> groups = ((JsonArray) event.getValue()).elements();
      List<JsonValue> kept = withoutOurs(groups, ourCommand, -1);
      if (kept.equals(groups)) continue;
      result =
          kept.isEmpty()
              ? result.without(event.getKey())
              : result.with(event.getKey(), new JsonArray(kept));
    }
    return result.equals(events) ? document : document.with("hooks", result);
  }

  /** Our handlers in {@code document}, with the positions Codex keys their trust by. */
  static List<Entry> ours(JsonObject document, String ourCommand) {
    List<Entry> found = new ArrayList<>();
    if (!(document.get("hooks").orElse(null) instanceof JsonObject events)) return found;
    for (Map.Entry<String, JsonValue> event : events.members().entrySet()) {
      List<JsonValue> groups = ((JsonArray) event.getValue()).elements();
      for (int g = 0; g < groups.size(); g++) {
        List<JsonValue> handlers = handlersOf((JsonObject) groups.get(g));
        for (int h = 0; h < handlers.size(); h++) {
          Optional<String> command = commandOf(handlers.get(h));
          if (command.isPresent() && isOurs(command.get(), ourCommand)) {
            found.add(new Entry(event.getKey(), g, h, command.get()));
          }
        }
      }
    }
    return found;
  }

  /** Our group for {@code event}: one command handler, with the matcher SessionStart needs. */
  static JsonObject group(String event, String ourCommand) {
    Map<String, JsonValue> handler = new LinkedHashMap<>();
    handler.put("type", JsonValue.of("command"));
    handler.put("command", JsonValue.of(ourCommand));
    handler.put("timeout", JsonValue.of(TIMEOUT_SECONDS));
    Map<String, JsonValue> group = new LinkedHashMap<>();
    if (event.equals("SessionStart")) group.put("matcher", JsonValue.of(SESSION_START_MATCHER));
    group.put("hooks", new JsonArray(List.of(new JsonObject(handler))));
    return new JsonObject(group);
  }

  /**
   * The groups with our handlers taken out, except in the group at {@code keep}; a group left with
   * no handler is dropped only when it had one of ours (an empty group of someone else's stays).
   */
  private static List<JsonValue> withoutOurs(List<JsonValue> groups, String ourCommand, int keep) {
    List<JsonValue> result = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      JsonObject group = (JsonObject) groups.get(g);
      if (g == keep) {
        result.add(group);
        continue;
      }
      List<JsonValue> handlers = handlersOf(group);
      List<JsonValue> others = new ArrayList<>();
      for (JsonValue handler : handlers) {
        Optional<String> command = commandOf(handler);
        if (command.isEmpty() || !isOurs(command.get(), ourCommand)) others.add(handler);
      }
      if (others.size() == handlers.size()) {
        result.add(group);
      } else if (!others.isEmpty()) {
        result.add(group.with("hooks", new JsonArray(others)));
      }
    }
    return result;
  }

  private static JsonObject eventsOf(JsonObject document) {
    return document.get("hooks").orElse(null) instanceof JsonObject events
        ? events
        : JsonObject.EMPTY;
  }

  private static List<JsonValue> groupsOf(JsonObject events, String event) {
    return events.get(event).orElse(null) instanceof JsonArray groups
        ? groups.elements()
        : List.of();
  }

  private static List<JsonValue> handlersOf(JsonObject group) {
    return group.get("hooks").orElse(null) instanceof JsonArray handlers
        ? handlers.elements()
        : List.of();
  }

  private static Optional<String> commandOf(JsonValue handler) {
    if (!(handler instanceof JsonObject object)) return Optional.empty();
    if (!(object.get("command").orElse(null) instanceof JsonValue.Str command)) {
      return Optional.empty();
    }
    return Optional.of(command.value());
  }
}
