package io.github.ralphresume.app.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.InspectSessions;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root of the HTTP service: plain {@code new} for every adapter and use case, and
 * {@link #start(int)}/{@link #stop()} so tests run the real server on port 0.
 */
final class HttpApplication {
  static final String OPENAPI_RESOURCE = "/openapi.json";

  private final HttpSettings settings;
  private final Metrics metrics = new Metrics();
  private final InFlight inFlight = new InFlight();
  private final List<Route> routes;
  private final Dispatcher dispatcher;
  private final byte[] openApi;

  private HttpServer server;
  private ThreadPoolExecutor workers;

  HttpApplication(HttpSettings settings) {
    this.settings = settings;
    ObjectMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    FileRalphStateStore store = new FileRalphStateStore(settings.stateDir());
    FileCurrentSessionLocator currentSession = new FileCurrentSessionLocator(store);
    // The same lock directory as the CLI and the TypeScript tool: all may reconcile at once.
    ReconcileRalphResume reconcile =
        new ReconcileRalphResume(
            store,
            new MeasuredResumeLock(new MkdirResumeLock(settings.stateDir()), metrics),
            currentSession,
            requestPane(),
            new FileTransferJournal(settings.stateDir()),
            settings.clock());
    InspectSessions inspect = new InspectSessions(store, currentSession, settings.clock());
    RequestEnvironment environment = RequestEnvironment.of(settings.environment());
    ReconcileEndpoint reconcileEndpoint =
        new ReconcileEndpoint(reconcile, environment, mapper, metrics);
    SessionsEndpoint sessions =
        new SessionsEndpoint(inspect, settings.stateDir(), environment, mapper);
    this.openApi = loadOpenApi();
    this.routes =
        List.of(
            new Route("GET", "/healthz", this::health),
            new Route("GET", "/metrics", request -> new Response(
                200, Metrics.MEDIA_TYPE,
                metrics.render(inFlight.count()).getBytes(StandardCharsets.UTF_8),
                Map.of())),
            new Route("GET", "/openapi.json", request -> Response.json(200, openApi)),
            new Route("POST", "/v1/reconcile", reconcileEndpoint::reconcile),
            new Route("GET", "/v1/sessions", sessions::list),
            new Route("GET", "/v1/sessions/{id}/ralph-state", sessions::ralphState));
    this.dispatcher = new Dispatcher(routes, settings.token(), mapper, metrics, inFlight);
  }

  /**
   * The pane an HTTP request names: its {@code tmuxPane}, injected as {@code TMUX_PANE} and
   * validated before it got here. The service never asks tmux: its own pane is not the caller's.
   */
  static PaneLocator requestPane() {
    return environment ->
        environment.get(RequestEnvironment.TMUX_PANE).map(String::trim).flatMap(PaneId::parse);
  }

  /**
   * Listens on the configured address.
   *
   * @param port the port, 0 for any free one
   * @return the address actually bound
   * @throws UncheckedIOException when the address cannot be bound
   */
  synchronized InetSocketAddress start(int port) {
    if (server != null) throw new IllegalStateException("already started");
    HttpServer created;
    try {
      created = HttpServer.create(new InetSocketAddress(settings.bindAddress(), port), 0);
    } catch (IOException failure) {
      throw new UncheckedIOException(
          "cannot listen on " + settings.bindAddress().getHostAddress() + ":" + port + ": "
              + failure.getMessage(), failure);
    }
    // Bounded: a flood of requests queues up to the capacity, then connections are refused,
    // instead of every one of them polling the lock in its own thread.
    workers =
        new ThreadPoolExecutor(
            settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(settings.queueCapacity()), threads(),
            new ThreadPoolExecutor.AbortPolicy());
    created.setExecutor(workers);
    created.createContext("/", dispatcher);
    inFlight.open();
    created.start();
    server = created;
    return created.getAddress();
  }

  /**
   * Stops gracefully: new requests are refused (503), those in flight may finish for up to the
   * drain timeout (a reconcile releases the lock as it ends), then the listener and every
   * connection are closed. Threads still busy after that are interrupted, which makes a
   * reconcile waiting for the lock give up. Does nothing when not started.
   */
  void stop() {
    HttpServer running;
    ThreadPoolExecutor pool;
    synchronized (this) {
      if (server == null) return;
      running = server;
      pool = workers;
      server = null;
      workers = null;
    }
    inFlight.closeAndAwait(settings.drainTimeout());
    running.stop(0);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException interrupted) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The bound address while started. */
  synchronized InetSocketAddress address() {
    if (server == null) throw new IllegalStateException("not started");
    return server.getAddress();
  }

  /** Every served route, for the OpenAPI contract test. */
  List<Route> routes() {
    return routes;
  }

  /** Requests being served right now. */
  int inFlight() {
    return inFlight.count();
  }

  private Response health(Request request) {
    if (!Files.isDirectory(settings.stateDir(), LinkOption.NOFOLLOW_LINKS)) {
      throw new ProblemException(Problem.unavailable("the state dir is gone"));
    }
    return Response.json(200, "{\"status\":\"ok\"}");
  }

  private static byte[] loadOpenApi() {
    try (InputStream in = HttpApplication.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) throw new IllegalStateException(OPENAPI_RESOURCE + " is not in the jar");
      return in.readAllBytes();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "ralph-resume-http-" + next.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    };
  }
}
