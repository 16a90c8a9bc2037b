package io.github.ralphresume.app.http.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Load script (not a test): how the service answers while slow clients hold connections open. It
 * starts the real service as its own JVM from {@code app-http/target/ralph-resume-http.jar}, opens
 * {@code --slow} raw sockets that each send one byte of an endless request head per second (and
 * reopens the ones the server closes, as an attacker would), and meanwhile a prompt client sends
 * {@code GET /healthz} and {@code POST /v1/reconcile} one after another, each on a new connection
 * (it has to get in past the slow ones), with a 3 s timeout. Then the slow sockets fall silent but
 * stay open, and the script watches the server's descriptors ({@code /proc/<pid>/fd}) until they
 * are back where they were before the attack.
 *
 * <pre>
 * ./mvnw -q -o -pl app-http -am package -DskipTests
 * java -cp app-http/target/test-classes \
 *     io.github.ralphresume.app.http.bench.SlowClientLoad [options]
 *
 *   --slow N             slow sockets kept open (default 300)
 *   --seconds S          how long the prompt client measures under attack (default 20)
 *   --sessions N         sessions in the generated state dir (default 1000)
 *   --release-seconds S  how long to wait for the descriptors to come back (default 60)
 *   --no-reopen          do not reopen the slow sockets the server closes
 *   --jar PATH           the service jar (default app-http/target/ralph-resume-http.jar)
 *   --java-opts "..."    the service JVM's options (default as bin/ralph-resume-http)
 * </pre>
 */
public final class SlowClientLoad {
  static final int PROBE_TIMEOUT_MILLIS = 3_000;

  private SlowClientLoad() {}

  record Options(
      int slow,
      int seconds,
      int sessions,
      int releaseSeconds,
      boolean reopen,
      Path jar,
      List<String> javaOptions) {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    Path out = Files.createTempDirectory("ralph-resume-slow-");
    ReconcileLoad.Generated generated = StateDirGenerator.generate(out, options.sessions(), 7);
    Process server = startServer(options, generated.stateDir());
    try {
      URI base = URI.create(ReconcileLoad.awaitListening(server));
      ReconcileLoad.awaitIndexReady(HttpClient.newHttpClient(), base);
      InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
      String reconcile =
          "{\"codexSessionId\":\""
              + generated.noMatchCodexSession()
              + "\",\"omxSessionId\":\""
              + generated.currentSession()
              + "\"}";
      // Warm the JIT and the index as a running service would be.
      for (int i = 0; i < 200; i++) {
        probe(address, "GET", "/healthz", null);
        probe(address, "POST", "/v1/reconcile", reconcile);
      }
      long pid = server.pid();
      int before = descriptors(pid);
      System.out.printf(
          Locale.ROOT,
          "service pid %d on %s, %d sessions; %d descriptors open before the attack%n",
          pid,
          base,
          options.sessions(),
          before);

      Attacker attacker = new Attacker(address, options.slow(), options.reopen());
      attacker.start();
      // Every slot has had its first round (a server with a lower cap keeps fewer of them open).
      Thread.sleep(1_500);
      System.out.printf(
          Locale.ROOT,
          "%d slow sockets opened, %d of them still open; each sends 1 header byte a second%s%n",
          options.slow(),
          attacker.open(),
          options.reopen() ? " and is reopened when the server closes it" : "");

      List<Long> health = new ArrayList<>();
      List<Long> reconciles = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      int maxDescriptors = 0;
      int minOpen = Integer.MAX_VALUE;
      long end = System.nanoTime() + options.seconds() * 1_000_000_000L;
      while (System.nanoTime() < end) {
        record(probe(address, "GET", "/healthz", null), health, failures, "healthz");
        record(
            probe(address, "POST", "/v1/reconcile", reconcile), reconciles, failures, "reconcile");
        maxDescriptors = Math.max(maxDescriptors, descriptors(pid));
        minOpen = Math.min(minOpen, attacker.open());
        Thread.sleep(20);
      }
      System.out.printf(
          Locale.ROOT,
          "under attack for %d s (the slow sockets still open: at least %d; the server closed %d"
              + " of them, %s after their first byte; the service held at most %d descriptors):%n",
          options.seconds(),
          minOpen,
          attacker.closedByServer.get(),
          attacker.closedAfter(),
          maxDescriptors);
      System.out.println("  GET /healthz        " + summary(health));
      System.out.println("  POST /v1/reconcile  " + summary(reconciles));
      System.out.println(
          "  failed: "
              + failures.size()
              + (failures.isEmpty()
                  ? ""
                  : " ("
                      + String.join("; ", failures.subList(0, Math.min(5, failures.size())))
                      + ")"));

      attacker.silence();
      long silent = System.nanoTime();
      int now = descriptors(pid);
      while (now > before + 2 && System.nanoTime() - silent < options.releaseSeconds() * 1e9) {
        Thread.sleep(250);
        now = descriptors(pid);
      }
      double took = (System.nanoTime() - silent) / 1e9;
      System.out.printf(
          Locale.ROOT,
          now > before + 2
              ? "slow sockets silent (left open by the client): still %d descriptors after %.1f s%n"
              : "slow sockets silent (left open by the client): descriptors back to %d after %.1f"
                  + " s%n",
          now,
          took);
      attacker.close();
    } finally {
      server.destroy();
      server.waitFor();
      ReconcileLoad.deleteRecursively(out);
    }
  }

  /** One request on a new connection: its time in nanoseconds, or why it failed. */
  record Probe(long nanos, String failure) {}

  static Probe probe(InetSocketAddress address, String method, String path, String body) {
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(address, PROBE_TIMEOUT_MILLIS);
      socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: "
              + address.getHostString()
              + ":"
              + address.getPort()
              + "\r\nAuthorization: Bearer "
              + ReconcileLoad.TOKEN
              + "\r\nConnection: close\r\n"
              + (body == null
                  ? ""
                  : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
              + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      long nanos = System.nanoTime() - started;
      if (!answer.startsWith("HTTP/1.1 200 ")) {
        return new Probe(
            nanos, "answered " + (answer.isEmpty() ? "nothing" : answer.lines().findFirst().get()));
      }
      return new Probe(nanos, null);
    } catch (IOException failed) {
      return new Probe(
          System.nanoTime() - started,
          failed.getClass().getSimpleName()
              + " after "
              + (System.nanoTime() - started) / 1_000_000
              + " ms");
    }
  }

  static void record(Probe probe, List<Long> times, List<String> failures, String what) {
    if (probe.failure() == null) {
      times.add(probe.nanos());
    } else {
      failures.add(what + ": " + probe.failure());
    }
  }

  static String summary(List<Long> times) {
    if (times.isEmpty()) return "no answer";
    long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
    long within100 = Arrays.stream(sorted).filter(n -> n <= 100_000_000L).count();
    return String.format(
        Locale.ROOT,
        "%d answered: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  (%.1f%% within 100 ms)",
        sorted.length,
        ReconcileLoad.percentile(sorted, 50),
        ReconcileLoad.percentile(sorted, 90),
        ReconcileLoad.percentile(sorted, 99),
        sorted[sorted.length - 1] / 1e6,
        100.0 * within100 / sorted.length);
  }

  /** The service's open descriptors. */
  static int descriptors(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    }
  }

  /**
   * The slow clients, on one thread: each socket gets one more byte of a request head that never
   * ends once a second; a socket the server closed is noticed (end of stream or a failed write)
   * and, with reopening on, replaced on the next round.
   */
  static final class Attacker extends Thread {
    private static final byte[] HEAD =
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final int slots;
    private final boolean reopen;
    private final SocketChannel[] channels;
    private final long[] openedAt;
    private final long[] sent;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong closedByServer = new AtomicLong();
    private final List<Long> lifetimes = new ArrayList<>();
    private final Selector selector;

    Attacker(InetSocketAddress address, int slots, boolean reopen) throws IOException {
      super("slow-clients");
      setDaemon(true);
      this.address = address;
      this.slots = slots;
      this.reopen = reopen;
      this.channels = new SocketChannel[slots];
      this.openedAt = new long[slots];
      this.sent = new long[slots];
      this.selector = Selector.open();
    }

    int open() {
      return open.get();
    }

    synchronized String closedAfter() {
      if (lifetimes.isEmpty()) return "none";
      long[] sorted = lifetimes.stream().mapToLong(Long::longValue).sorted().toArray();
      return String.format(
          Locale.ROOT, "%.1f to %.1f s", sorted[0] / 1e9, sorted[sorted.length - 1] / 1e9);
    }

    /** Stops sending and reopening; the sockets still open stay open. */
    void silence() {
      sending.set(false);
    }

    void close() throws InterruptedException {
      running.set(false);
      join();
      for (SocketChannel channel : channels) {
        if (channel == null) continue;
        try {
          channel.close();
        } catch (IOException ignored) {
          // Closing anyway.
        }
      }
    }

    @Override
    public void run() {
      ByteBuffer scratch = ByteBuffer.allocate(4096);
      long round = 0;
      while (running.get()) {
        long roundStart = System.nanoTime();
        // A tenth of the slots every 100 ms: each once a second.
        for (int slot = (int) (round % 10); slot < slots; slot += 10) {
          if (channels[slot] == null) {
            if (sending.get() && (reopen || openedAt[slot] == 0)) openSlot(slot);
            continue;
          }
          if (!sending.get()) continue;
          try {
            int index = (int) sent[slot];
            byte next = index < HEAD.length ? HEAD[index] : (byte) 'a';
            if (channels[slot].write(ByteBuffer.wrap(new byte[] {next})) == 1) sent[slot]++;
          } catch (IOException closed) {
            closedByServer(slot);
          }
        }
        try {
          selector.selectNow();
          for (SelectionKey key : selector.selectedKeys()) {
            int slot = (Integer) key.attachment();
            scratch.clear();
            int read;
            try {
              read = channels[slot] == null ? 0 : channels[slot].read(scratch);
            } catch (IOException reset) {
              read = -1;
            }
            if (read < 0 && channels[slot] != null) closedByServer(slot);
          }
          selector.selectedKeys().clear();
        } catch (IOException ignored) {
          // The selector itself failed: nothing more to learn this round.
        }
        round++;
        long sleep = 100_000_000L - (System.nanoTime() - roundStart);
        if (sleep > 0) {
          try {
            Thread.sleep(sleep / 1_000_000);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }

    private void openSlot(int slot) {
      try {
        SocketChannel channel = SocketChannel.open(address);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, slot);
        // The first byte at once, so the server starts reading a request.
        channel.write(ByteBuffer.wrap(HEAD, 0, 1));
        channels[slot] = channel;
        openedAt[slot] = System.nanoTime();
        sent[slot] = 1;
        open.incrementAndGet();
      } catch (IOException refused) {
        // Not accepted this round; tried again on the next.
      }
    }

    private void closedByServer(int slot) {
      synchronized (this) {
        lifetimes.add(System.nanoTime() - openedAt[slot]);
      }
      try {
        channels[slot].close();
      } catch (IOException ignored) {
        // Already gone.
      }
      channels[slot] = null;
      open.decrementAndGet();
      closedByServer.incrementAndGet();
    }
  }

  static Process startServer(Options options, Path stateDir) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(options.javaOptions());
    command.addAll(
        List.of(
            "-jar", options.jar().toString(), "--state-dir", stateDir.toString(), "--port", "0"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("RALPH_RESUME_HTTP_TOKEN", ReconcileLoad.TOKEN);
    return builder.start();
  }

  static Options parse(String[] args) {
    int slow = 300;
    int seconds = 20;
    int sessions = 1000;
    int releaseSeconds = 60;
    boolean reopen = true;
    Path jar = Path.of("app-http/target/ralph-resume-http.jar");
    String javaOptions = ReconcileLoad.DEFAULT_JAVA_OPTIONS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--slow" -> slow = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--sessions" -> sessions = Integer.parseInt(args[++i]);
        case "--release-seconds" -> releaseSeconds = Integer.parseInt(args[++i]);
        case "--no-reopen" -> reopen = false;
        case "--jar" -> jar = Path.of(args[++i]);
        case "--java-opts" -> javaOptions = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar + " is missing: run ./mvnw -q -o -pl app-http -am package -DskipTests first");
    }
    return new Options(
        slow,
        seconds,
        sessions,
        releaseSeconds,
        reopen,
        jar,
        javaOptions.isBlank() ? List.of() : List.of(javaOptions.strip().split("\\s+")));
  }
}
