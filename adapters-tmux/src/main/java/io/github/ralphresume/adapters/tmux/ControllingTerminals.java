package io.github.ralphresume.adapters.tmux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal devices on this process's stdin, stdout and stderr: a hook run by the agent inherits
 * the agent's terminal, which is how its pane is found when {@code TMUX_PANE} was not passed on.
 * Java has no API for it: on Linux the kernel's {@code /proc/self/fd} links name them (glibc's
 * {@code ttyname} reads the same links); elsewhere libc's {@code ttyname} is called through JNA.
 */
interface ControllingTerminals {
  /** The distinct terminal paths of fds 0, 1, 2, in that order; empty when there are none. */
  List<String> names();

  /**
   * The platform's way: {@link #procFd()} where {@code /proc/self/fd} exists, else {@link #libc()}.
   * Loading JNA (libc, {@code java.util.logging}, security properties) costs a cold run about 20
   * ms, which a hook pays on every turn without {@code TMUX_PANE}.
   */
  static ControllingTerminals standard() {
    return Files.isDirectory(ProcFd.FDS) ? procFd() : libc();
  }

  /** libc's view of this process. Throws {@link LinkageError} when libc cannot be loaded. */
  static ControllingTerminals libc() {
    return Libc::ttyNames;
  }

  /** The pseudo-terminals {@code /proc/self/fd/0..2} link to (Linux). */
  static ControllingTerminals procFd() {
    return ProcFd::ttyNames;
  }

  /** Linux's view, without native code. */
  final class ProcFd {
    private ProcFd() {}

    static final Path FDS = Path.of("/proc/self/fd");

    static List<String> ttyNames() {
      List<String> names = new ArrayList<>();
      for (int fd = 0; fd <= 2; fd++) {
        String target;
        try {
          target = Files.readSymbolicLink(FDS.resolve(Integer.toString(fd))).toString();
        } catch (IOException | UnsupportedOperationException closed) {
          continue; // a closed fd has no terminal
        }
        // A pane's tty is always a pseudo-terminal, /dev/pts/<n>; pipes, files and /dev/null
        // link elsewhere ("pipe:[…]", their path).
        if (isPseudoTerminal(target) && !names.contains(target)) names.add(target);
      }
      return names;
    }

    static boolean isPseudoTerminal(String path) {
      String prefix = "/dev/pts/";
      if (!path.startsWith(prefix) || path.length() == prefix.length()) return false;
      for (int i = prefix.length(); i < path.length(); i++) {
        if (path.charAt(i) < '0' || path.charAt(i) > '9') return false;
      }
      return true;
    }
  }

  /** Loaded on first use, so the other locators never touch native code. */
  final class Libc {
    private Libc() {}

    interface C extends Library {
      String ttyname(int fd);
    }

    private static final class Holder {
      static final C C = Native.load(Platform.C_LIBRARY_NAME, C.class);
    }

    static List<String> ttyNames() {
      List<String> names = new ArrayList<>();
      // ttyname returns a static buffer: one caller at a time.
      synchronized (Libc.class) {
        for (int fd = 0; fd <= 2; fd++) {
          String name = Holder.C.ttyname(fd);
          if (name != null && !name.isEmpty() && !names.contains(name)) names.add(name);
        }
      }
      return names;
    }
  }
}
