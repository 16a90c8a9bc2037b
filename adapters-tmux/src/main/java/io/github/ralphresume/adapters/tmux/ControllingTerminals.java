package io.github.ralphresume.adapters.tmux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal devices on this process's stdin, stdout and stderr, from libc's {@code ttyname}
 * through JNA: Java has no API for it, and a hook run by the agent inherits the agent's terminal,
 * which is how its pane is found when {@code TMUX_PANE} was not passed on.
 */
interface ControllingTerminals {
  /** The distinct terminal paths of fds 0, 1, 2, in that order; empty when there are none. */
  List<String> names();

  /** libc's view of this process. Throws {@link LinkageError} when libc cannot be loaded. */
  static ControllingTerminals libc() {
    return Libc::ttyNames;
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
