package io.github.ralphresume.app.cli;

import java.util.concurrent.Callable;

/**
 * The command lines Codex runs on every turn ({@code hook}, and {@code reconcile} from scripts and
 * older hooks), read without picocli. Building picocli's model is most of a cold run's own work:
 * about 175 classes that class-data sharing cannot archive (picocli is compiled for Java 5), plus
 * annotation proxies and reflection. So the plain forms are parsed here, into the same command
 * objects picocli would fill, and everything else goes to picocli.
 *
 * <p>Plain means: the command's own options, each at most once, as {@code --name value} or {@code
 * --name=value} (flags without a value), and the hook's one payload argument. Anything else is
 * declined (a {@code null} from {@link #parse}) and picocli parses the whole line as always: help
 * and version options, unknown or repeated options, a missing required option, a missing value or
 * one that starts with {@code -} or {@code @}, {@code @files}, {@code --}, and any {@code
 * picocli.*} system property. What is accepted binds exactly as picocli binds it ({@code
 * PlainCommandLineTest} compares the two).
 */
final class PlainCommandLine {
  private PlainCommandLine() {}

  /** The command with its options set, or {@code null} when picocli must parse the line. */
  static Callable<Integer> parse(CliContext context, String... args) {
    if (args.length == 0 || picocliConfigured()) return null;
    return switch (args[0]) {
      case "reconcile" -> reconcile(new ReconcileCommand(context), new Words(args));
      case "hook" -> hook(new HookCommand(context), new Words(args));
      default -> null;
    };
  }

  private static ReconcileCommand reconcile(ReconcileCommand command, Words words) {
    SharedOptions.Reconcile options = command.options;
    boolean codexSessionId = false;
    boolean threadId = false;
    while (words.next()) {
      if (!words.isOption()) return null;
      switch (words.name()) {
        case SharedOptions.STATE_DIR -> {
          if (options.stateDir.value != null) return null;
          options.stateDir.value = words.value();
        }
        case SharedOptions.CODEX_SESSION_ID -> {
          if (codexSessionId) return null;
          codexSessionId = true;
          options.codexSessionId = words.value();
        }
        case SharedOptions.THREAD_ID -> {
          if (threadId) return null;
          threadId = true;
          options.threadId = words.value();
        }
        case SharedOptions.PLUGIN_PATH -> {
          if (options.pluginPath.value != null) return null;
          options.pluginPath.value = words.value();
        }
        case SharedOptions.JSON -> {
          if (command.json || !words.isFlag()) return null;
          command.json = true;
        }
        case SharedOptions.VERBOSE -> {
          if (options.verbose || !words.isFlag()) return null;
          options.verbose = true;
        }
        default -> {
          return null;
        }
      }
      if (words.declined) return null;
    }
    // --state-dir is required: picocli says so.
    return options.stateDir.value == null ? null : command;
  }

  private static HookCommand hook(HookCommand command, Words words) {
    while (words.next()) {
      if (!words.isOption()) {
        if (command.payloadArgument != null || words.word.startsWith("@")) return null;
        command.payloadArgument = words.word;
        continue;
      }
      if (!words.name().equals(SharedOptions.PLUGIN_PATH) || command.pluginPath.value != null) {
        return null;
      }
      command.pluginPath.value = words.value();
      if (words.declined) return null;
    }
    return command;
  }

  /** picocli reads {@code picocli.*} system properties (at-files, quotes, tracing). */
  private static boolean picocliConfigured() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("picocli.")) return true;
    }
    return false;
  }

  /** The words after the command, one at a time, split at the first {@code =} of an option. */
  private static final class Words {
    private final String[] args;
    private int index;
    private int equals;
    String word;

    /** Set when a value is missing or is not plain: the line goes to picocli. */
    boolean declined;

    Words(String[] args) {
      this.args = args;
    }

    boolean next() {
      if (++index >= args.length) return false;
      word = args[index];
      equals = word.indexOf('=');
      return true;
    }

    /**
     * An option, or {@code --} and the like; a word that is neither is a positional. A lone {@code
     * -} counts as an option too: picocli may read it either way, so it is declined.
     */
    boolean isOption() {
      return word.startsWith("-");
    }

    String name() {
      return equals < 0 ? word : word.substring(0, equals);
    }

    boolean isFlag() {
      return equals < 0;
    }

    /** The option's value, after its {@code =} or in the next word. */
    String value() {
      String value;
      if (equals >= 0) {
        value = word.substring(equals + 1);
      } else if (index + 1 < args.length) {
        value = args[++index];
      } else {
        declined = true;
        return null;
      }
      if (value.startsWith("-") || value.startsWith("@")) declined = true;
      return value;
    }
  }
}
