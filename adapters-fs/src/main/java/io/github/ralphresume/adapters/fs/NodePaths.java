package io.github.ralphresume.adapters.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Node's {@code path.join} on POSIX, so the paths reported in results are the original's text
 * ({@code ./state/} joins to {@code state/sessions/…}, not {@code ./state/sessions/…}).
 */
final class NodePaths {
  private NodePaths() {}

  static String join(String... parts) {
    StringBuilder joined = new StringBuilder();
    for (String part : parts) {
      if (part.isEmpty()) continue;
      if (joined.length() > 0) joined.append('/');
      joined.append(part);
    }
    return normalize(joined.toString());
  }

  static String normalize(String path) {
    if (path.isEmpty()) return ".";
    boolean absolute = path.charAt(0) == '/';
    boolean trailingSeparator = path.charAt(path.length() - 1) == '/';
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) continue;
      if (segment.equals("..")) {
        if (!segments.isEmpty() && !segments.get(segments.size() - 1).equals("..")) {
          segments.remove(segments.size() - 1);
        } else if (!absolute) {
          segments.add("..");
        }
        continue;
      }
      segments.add(segment);
    }
    String body = String.join("/", segments);
    if (body.isEmpty() && !absolute) body = ".";
    if (!body.isEmpty() && trailingSeparator) body = body + "/";
    return absolute ? "/" + body : body;
  }
}
