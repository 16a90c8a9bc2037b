package io.github.ralphresume.app.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The service's HTTP/1.1 server. One thread multiplexes every connection with a {@link Selector}:
 * it accepts, reads and frames requests without blocking, and hands only complete requests (head
 * and body) to the workers. A client that sends slowly, or nothing at all, costs a descriptor and a
 * buffer, never a worker, and only until its deadline ({@link ConnectionLimits}).
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}, which this replaces: its workers read the
 * request head themselves, with blocking reads, from the first byte on, so N slow clients hold N
 * workers; its only deadline ({@code sun.net.httpserver.maxReqTime}) is in whole seconds, global to
 * the JVM and read once; its connection cap ({@code jdk.httpserver.maxConnections}) refuses new
 * connections once slow ones fill it, and it has no notion of a client at all.
 *
 * <p>Caps: at {@code maxConnections} (or a client's {@code maxConnectionsPerClient}) the connection
 * that has waited longest without a request being served (an unfinished head or body, an idle
 * keep-alive) is closed to make room; only when every connection has a request in progress is the
 * new one closed instead. So a client that sends its request at once is served however many slow
 * ones are open. A client is a remote address: on loopback every local program is one client.
 */
final class NioHttpServer {
  /** How long a connection closed after an error answer may still send before it is cut. */
  static final Duration LINGER = Duration.ofSeconds(2);

  private static final int LINGER_BYTES = 1 << 20;
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final System.Logger LOG = System.getLogger(NioHttpServer.class.getName());
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Content Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(503, "Service Unavailable"));

  /** Serves what the server hands over. */
  interface Handler {
    /**
     * Answers one complete request, on a worker thread. {@link Reply#sent()} runs once the answer
     * is written, or once the connection is lost.
     */
    Reply handle(IncomingRequest request);

    /** The answer to a request the server refuses itself: malformed framing, no free worker. */
    Response refusal(Problem problem);
  }

  /**
   * An answer and what to do once it has left.
   *
   * @param response the answer
   * @param sent runs once, after the answer is written or the connection lost
   */
  record Reply(Response response, Runnable sent) {}

  private enum Phase {
    /** Waiting for (the rest of) a request; {@link Stage} says which part. */
    READING,
    /** A worker has the request. */
    PROCESSING,
    /** The loop writes the rest of an answer the client is slow to read. */
    WRITING,
    /** Answered and closing: what the client still sends is read and dropped, briefly. */
    LINGERING
  }

  private enum Stage {
    HEAD,
    BODY,
    IDLE
  }

  private final InetSocketAddress address;
  private final ConnectionLimits limits;
  private final int maxBody;
  private final Executor workers;
  private final Handler handler;
  private final Metrics metrics;
  private final long tickNanos;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  // Touched by the loop thread only.
  private final Set<Connection> connections = new HashSet<>();
  private final Map<InetAddress, Integer> perClient = new HashMap<>();
  private boolean acceptPaused;

  private ServerSocketChannel listener;
  private SelectionKey acceptKey;
  private Selector selector;
  private Thread loop;
  private volatile boolean running;

  NioHttpServer(
      InetSocketAddress address,
      ConnectionLimits limits,
      int maxBody,
      Executor workers,
      Handler handler,
      Metrics metrics) {
    this.address = address;
    this.limits = limits;
    this.maxBody = maxBody;
    this.workers = workers;
    this.handler = handler;
    this.metrics = metrics;
    // Deadlines are checked this often: a quarter of the shortest, within 10 to 250 ms.
    long shortest =
        List.of(
                limits.headerTimeout(),
                limits.bodyTimeout(),
                limits.idleTimeout(),
                limits.writeTimeout())
            .stream()
            .mapToLong(Duration::toNanos)
            .min()
            .orElseThrow();
    this.tickNanos =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10),
            Math.min(TimeUnit.MILLISECONDS.toNanos(250), shortest / 4));
  }

  /**
   * Listens and starts the loop thread.
   *
   * @return the address bound
   * @throws IOException when the address cannot be bound
   */
  InetSocketAddress start() throws IOException {
    selector = Selector.open();
    listener = ServerSocketChannel.open();
    try {
      // As the JDK server did: a restart may bind while old connections are in TIME_WAIT.
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(address, 128);
      listener.configureBlocking(false);
      acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException failure) {
      listener.close();
      selector.close();
      throw failure;
    }
    InetSocketAddress bound = (InetSocketAddress) listener.getLocalAddress();
    running = true;
    loop = new Thread(this::run, "ralph-resume-http-loop");
    loop.start();
    return bound;
  }

  /** Closes the listener and every connection, and ends the loop thread. */
  void stop() {
    running = false;
    selector.wakeup();
    try {
      loop.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long nextSweep = System.nanoTime() + tickNanos;
    try {
      while (running) {
        runTasks();
        long wait = TimeUnit.NANOSECONDS.toMillis(nextSweep - System.nanoTime());
        selector.select(this::ready, Math.max(1, wait));
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          sweep(now);
          nextSweep = now + tickNanos;
        }
      }
    } catch (IOException | RuntimeException failure) {
      LOG.log(
          System.Logger.Level.ERROR, "the HTTP server's loop failed; it stops serving", failure);
    } finally {
      shutDown();
    }
  }

  /** Hands {@code task} to the loop thread. */
  private void submit(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  private void runTasks() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) task.run();
  }

  private void ready(SelectionKey key) {
    if (key == acceptKey) {
      accept();
      return;
    }
    Connection connection = (Connection) key.attachment();
    try {
      if (key.isWritable() && connection.phase == Phase.WRITING) writeRest(connection);
      // Never read while a worker has the connection's request: answers must not interleave.
      if (key.isValid() && key.isReadable()) {
        if (connection.phase == Phase.LINGERING) {
          drain(connection);
        } else if (connection.phase == Phase.READING) {
          read(connection);
        }
      }
    } catch (IOException | CancelledKeyException gone) {
      // The client reset or closed the connection: nobody is left to answer.
      close(connection, null);
    }
  }

  private void accept() {
    for (int i = 0; i < 64; i++) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException failure) {
        // Out of descriptors, most likely. Stop accepting until the next sweep instead of spinning
        // on a listener that stays ready; the connections waiting in the backlog keep waiting.
        LOG.log(
            System.Logger.Level.WARNING,
            "cannot accept a connection, pausing for " + tickNanos / 1_000_000 + " ms: " + failure);
        acceptKey.interestOps(0);
        acceptPaused = true;
        return;
      }
      if (channel == null) return;
      admit(channel, System.nanoTime());
    }
  }

  private void admit(SocketChannel channel, long now) {
    InetSocketAddress remote;
    try {
      remote = (InetSocketAddress) channel.getRemoteAddress();
    } catch (IOException gone) {
      closeQuietly(channel);
      return;
    }
    InetAddress client = remote.getAddress();
    if ((connections.size() >= limits.maxConnections() && !evictLongestWaiting(null))
        || (perClient.getOrDefault(client, 0) >= limits.maxConnectionsPerClient()
            && !evictLongestWaiting(client))) {
      closeQuietly(channel);
      metrics.connectionDropped(Metrics.DROP_REFUSED);
      return;
    }
    try {
      channel.configureBlocking(false);
      // An answer goes out in one write; never hold it back for the client's delayed ACK.
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
      Connection connection =
          new Connection(channel, key, client, client.getHostAddress() + ":" + remote.getPort());
      key.attach(connection);
      connection.awaitHead(now);
      connections.add(connection);
      perClient.merge(client, 1, Integer::sum);
      metrics.connectionOpened();
    } catch (IOException gone) {
      closeQuietly(channel);
    }
  }

  /** Closes the connection ({@code client}'s, or any) that has waited longest; false if none. */
  private boolean evictLongestWaiting(InetAddress client) {
    Connection longest = null;
    for (Connection connection : connections) {
      if (connection.phase != Phase.READING && connection.phase != Phase.LINGERING) continue;
      if (client != null && !client.equals(connection.client)) continue;
      if (longest == null || connection.waitingSince - longest.waitingSince < 0) {
        longest = connection;
      }
    }
    if (longest == null) return false;
    close(longest, Metrics.DROP_EVICTED);
    return true;
  }

  private void read(Connection connection) throws IOException {
    ByteBuffer space = connection.framing.readSpace();
    int count = connection.channel.read(space);
    if (count < 0) {
      close(connection, null);
      return;
    }
    if (count == 0) return;
    connection.framing.received(count);
    progress(connection, System.nanoTime());
  }

  /** Takes a complete request to a worker, or moves the deadline as the request advances. */
  private void progress(Connection connection, long now) throws IOException {
    IncomingRequest request;
    try {
      request = connection.framing.poll();
    } catch (RequestFraming.Malformed malformed) {
      // One line, no stack trace: a broken request is the client's mistake, not the service's.
      LOG.log(
          System.Logger.Level.WARNING,
          "refused a malformed request from "
              + connection.peer
              + " (400): "
              + malformed.getMessage());
      respond(
          connection,
          handler.refusal(Problem.malformedRequest(malformed.getMessage())),
          null,
          true);
      return;
    }
    if (request != null) {
      dispatch(connection, request);
      return;
    }
    if (connection.framing.inBody()) {
      if (connection.stage != Stage.BODY) {
        connection.stage = Stage.BODY;
        connection.deadline = now + limits.bodyTimeout().toNanos();
      }
      if (connection.framing.takeContinue()) {
        ByteBuffer interim = ByteBuffer.wrap(CONTINUE);
        connection.channel.write(interim);
        // A client that does not read 25 bytes of a fresh answer is not reading at all.
        if (interim.hasRemaining()) close(connection, Metrics.DROP_WRITE_TIMEOUT);
      }
    } else if (connection.stage == Stage.IDLE && connection.framing.started()) {
      connection.awaitHead(now);
    }
  }

  private void dispatch(Connection connection, IncomingRequest request) throws IOException {
    connection.phase = Phase.PROCESSING;
    connection.key.interestOps(0);
    try {
      workers.execute(() -> serve(connection, request));
    } catch (RejectedExecutionException busy) {
      respond(
          connection,
          handler.refusal(
              Problem.unavailable(
                  "every worker is busy and the queue of waiting requests is full; try again"
                      + " shortly")),
          request.method(),
          request.bodyTooLarge());
    }
  }

  /** On a worker: answers and writes what the socket takes at once; the loop writes the rest. */
  private void serve(Connection connection, IncomingRequest request) {
    Reply reply;
    try {
      reply = handler.handle(request);
    } catch (RuntimeException | Error failure) {
      // The handler answers its own failures; this is one it could not: never leave the
      // connection behind without an owner.
      submit(() -> close(connection, null));
      throw failure;
    }
    boolean close = !request.keepAlive() || closes(reply.response());
    boolean linger = request.bodyTooLarge();
    ByteBuffer bytes =
        encode(reply.response(), request.method(), request.http10(), close || linger);
    try {
      while (bytes.hasRemaining() && connection.channel.write(bytes) > 0) {
        // The socket takes it all at once unless the client stopped reading.
      }
    } catch (IOException gone) {
      // The client went away, or the server stopped: the answer is lost.
      reply.sent().run();
      submit(() -> close(connection, null));
      return;
    }
    if (!bytes.hasRemaining()) {
      reply.sent().run();
      submit(() -> finish(connection, close, linger));
    } else if (!running) {
      reply.sent().run();
    } else {
      submit(() -> writeLater(connection, bytes, close, linger, reply.sent()));
    }
  }

  /** On the loop: answers {@code response} itself, then closes. */
  private void respond(Connection connection, Response response, String method, boolean linger)
      throws IOException {
    connection.phase = Phase.PROCESSING;
    connection.key.interestOps(0);
    ByteBuffer bytes = encode(response, method, false, true);
    connection.channel.write(bytes);
    if (bytes.hasRemaining()) {
      writeLater(connection, bytes, true, linger, () -> {});
    } else {
      finish(connection, true, linger);
    }
  }

  private void writeLater(
      Connection connection, ByteBuffer rest, boolean close, boolean linger, Runnable sent) {
    if (!connection.channel.isOpen()) {
      sent.run();
      return;
    }
    connection.phase = Phase.WRITING;
    connection.pending = rest;
    connection.closeAfter = close;
    connection.lingerAfter = linger;
    connection.sent = sent;
    connection.deadline = System.nanoTime() + limits.writeTimeout().toNanos();
    connection.key.interestOps(SelectionKey.OP_WRITE);
  }

  private void writeRest(Connection connection) throws IOException {
    connection.channel.write(connection.pending);
    if (connection.pending.hasRemaining()) return;
    connection.pending = null;
    Runnable sent = connection.sent;
    connection.sent = null;
    sent.run();
    finish(connection, connection.closeAfter, connection.lingerAfter);
  }

  /** After an answer has left: close, linger, or wait for the next request. */
  private void finish(Connection connection, boolean close, boolean linger) {
    if (!connection.channel.isOpen()) return;
    long now = System.nanoTime();
    try {
      if (linger) {
        // The client may still be sending what was not read: closing now would reset the
        // connection, and the answer with it, before the client reads it.
        connection.channel.shutdownOutput();
        connection.phase = Phase.LINGERING;
        connection.deadline = now + LINGER.toNanos();
        connection.waitingSince = now;
        connection.key.interestOps(SelectionKey.OP_READ);
        return;
      }
      if (close) {
        close(connection, null);
        return;
      }
      connection.phase = Phase.READING;
      connection.stage = Stage.IDLE;
      connection.deadline = now + limits.idleTimeout().toNanos();
      connection.waitingSince = now;
      connection.key.interestOps(SelectionKey.OP_READ);
      // A request pipelined behind the last one is already here.
      if (connection.framing.hasBuffered()) progress(connection, now);
    } catch (IOException | CancelledKeyException gone) {
      close(connection, null);
    }
  }

  /** Reads and drops what a lingering client still sends, up to a limit. */
  private void drain(Connection connection) throws IOException {
    ByteBuffer scratch = ByteBuffer.allocate(8192);
    int count = connection.channel.read(scratch);
    connection.lingered += Math.max(0, count);
    if (count < 0 || connection.lingered > LINGER_BYTES) close(connection, null);
  }

  /** Closes every connection past its deadline. */
  private void sweep(long now) {
    List<Connection> late = new ArrayList<>();
    for (Connection connection : connections) {
      if (connection.phase != Phase.PROCESSING && now - connection.deadline >= 0) {
        late.add(connection);
      }
    }
    for (Connection connection : late) {
      String reason =
          switch (connection.phase) {
            case WRITING -> Metrics.DROP_WRITE_TIMEOUT;
            case READING ->
                switch (connection.stage) {
                  case HEAD -> Metrics.DROP_HEADER_TIMEOUT;
                  case BODY -> Metrics.DROP_BODY_TIMEOUT;
                  case IDLE -> Metrics.DROP_IDLE_TIMEOUT;
                };
            default -> null;
          };
      close(connection, reason);
    }
    if (acceptPaused) {
      acceptPaused = false;
      acceptKey.interestOps(SelectionKey.OP_ACCEPT);
    }
  }

  /**
   * Closes a connection (its descriptor is released at the loop's next select) and forgets it.
   *
   * @param dropped why the server dropped it, for the metrics; null for an ordinary close
   */
  private void close(Connection connection, String dropped) {
    closeQuietly(connection.channel);
    if (connection.sent != null) {
      Runnable sent = connection.sent;
      connection.sent = null;
      sent.run();
    }
    if (connections.remove(connection)) {
      perClient.computeIfPresent(
          connection.client, (client, count) -> count == 1 ? null : count - 1);
      metrics.connectionClosed(dropped);
    }
  }

  private void shutDown() {
    closeQuietly(listener);
    for (Connection connection : new ArrayList<>(connections)) close(connection, null);
    // What workers handed over meanwhile finds its connection closed and only counts it out.
    runTasks();
    try {
      selector.close();
    } catch (IOException ignored) {
      // Every channel is closed already; the selector's own descriptors go with the process.
    }
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing is all that was wanted; a failure leaves nothing to do.
    }
  }

  private static boolean closes(Response response) {
    return response.headers().entrySet().stream()
        .anyMatch(
            header ->
                header.getKey().equalsIgnoreCase("Connection")
                    && header.getValue().equalsIgnoreCase("close"));
  }

  /** Status line, headers and (but for HEAD) the body, in one buffer: one write. */
  static ByteBuffer encode(Response response, String method, boolean http10, boolean close) {
    byte[] body = response.body();
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(REASONS.getOrDefault(response.status(), ""))
        .append("\r\nDate: ")
        .append(HTTP_DATE.format(Instant.now()))
        .append("\r\nContent-Type: ")
        .append(response.contentType())
        .append("\r\nContent-Length: ")
        .append(body.length)
        .append("\r\n");
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("Connection")) {
                head.append(name).append(": ").append(value).append("\r\n");
              }
            });
    if (close) {
      head.append("Connection: close\r\n");
    } else if (http10) {
      head.append("Connection: keep-alive\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    boolean withBody = !"HEAD".equals(method);
    ByteBuffer bytes = ByteBuffer.allocate(headBytes.length + (withBody ? body.length : 0));
    bytes.put(headBytes);
    if (withBody) bytes.put(body);
    return bytes.flip();
  }

  /** One client connection; its fields belong to the loop thread, but for the worker's write. */
  private final class Connection {
    final SocketChannel channel;
    final SelectionKey key;
    final InetAddress client;
    final String peer;
    final RequestFraming framing;
    Phase phase;
    Stage stage;
    long deadline;
    long waitingSince;
    ByteBuffer pending;
    boolean closeAfter;
    boolean lingerAfter;
    Runnable sent;
    int lingered;

    Connection(SocketChannel channel, SelectionKey key, InetAddress client, String peer) {
      this.channel = channel;
      this.key = key;
      this.client = client;
      this.peer = peer;
      this.framing = new RequestFraming(limits.maxHeadBytes(), maxBody);
    }

    /** A request is due: its head must be complete within the header timeout from now. */
    void awaitHead(long now) {
      phase = Phase.READING;
      stage = Stage.HEAD;
      deadline = now + limits.headerTimeout().toNanos();
      waitingSince = now;
    }
  }
}
