package io.github.ralphresume.app.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain TCP connection to the service, for what {@link java.net.http.HttpClient} will not send: a
 * head that never ends, a broken chunk, pipelined requests, HTTP/1.0.
 */
final class RawConnection implements AutoCloseable {
  final Socket socket;
  private final InputStream in;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  static RawConnection open(URI base) {
    return open(base, null);
  }

  /** A connection from {@code from} (any address of 127/8 on Linux), or the default address. */
  static RawConnection open(URI base, InetAddress from) {
    Socket socket = new Socket();
    try {
      if (from != null) socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(10_000);
      return new RawConnection(socket);
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Failing anyway.
      }
      throw new UncheckedIOException(e);
    }
  }

  RawConnection send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawConnection send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Sends without failing when the server has closed the connection already. */
  boolean trySend(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /**
   * One answer: status line, headers, and a body of its Content-Length.
   *
   * @param status the status code
   * @param headers lower-case names, the last value of each
   * @param body the body, UTF-8
   */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  Answer read() {
    return read(false);
  }

  /** One answer to a HEAD request: its Content-Length is announced, not sent. */
  Answer readHead() {
    return read(true);
  }

  private Answer read(boolean headOnly) {
    try {
      String statusLine = line();
      if (statusLine == null) throw new IOException("the connection closed before an answer");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(); line != null && !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = headOnly ? new byte[0] : in.readNBytes(length);
      return new Answer(
          Integer.parseInt(statusLine.split(" ")[1]),
          headers,
          new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Whether the server closes the connection within {@code timeout}: the read ends (end of stream
   * or a reset) instead of waiting. Drops whatever the server sent before.
   */
  boolean closedWithin(Duration timeout) {
    try {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      long deadline = System.nanoTime() + timeout.toNanos();
      byte[] scratch = new byte[65536];
      while (System.nanoTime() < deadline) {
        if (in.read(scratch) < 0) return true;
      }
      return false;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the connection is still open: a short read neither ends nor fails. */
  boolean stillOpen() {
    return !closedWithin(Duration.ofMillis(50));
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }
}
