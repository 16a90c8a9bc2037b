package io.github.ralphresume.app.http;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.IndexedRalphStateStore;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.adapters.tmux.PaneLocators;
import io.github.ralphresume.adapters.tmux.PaneLookupSettings;
import io.github.ralphresume.adapters.tmux.PluginClassLoaders;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import io.github.ralphresume.domain.usecase.ExplainReconcile;
import io.github.ralphresume.domain.usecase.InspectSessions;
import io.github.ralphresume.domain.usecase.ReconcileRalphResume;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
  private final IndexedRalphStateStore indexed;

  private NioHttpServer server;
  private InetSocketAddress bound;
  private ThreadPoolExecutor workers;
  private volatile IndexedRalphStateStore startedIndex;

  HttpApplication(HttpSettings settings) {
    this.settings = settings;
    FileRalphStateStore store = new FileRalphStateStore(settings.stateDir());
    FileCurrentSessionLocator currentSession = new FileCurrentSessionLocator(store);
    // Reconciles ask the warm index (started with the server) for their candidates; explain,
    // sweep and the listing read every session through the plain store.
    this.indexed =
        new IndexedRalphStateStore(
            store,
            new IndexedRalphStateStore.Listener() {
              @Override
              public void listed(boolean fromIndex, long nanos) {
                metrics.listed(fromIndex, nanos);
              }

              @Override
              public void rebuilt(long nanos, int sessions) {
                metrics.indexRebuilt(nanos, sessions);
              }
            });
    // The request's own pane, else the configured (plugin) locators; one for reconcile and explain.
    PaneLocator panes = requestPane(settings.environment());
    // The same lock directory as the CLI and the TypeScript tool: all may reconcile at once.
    ReconcileRalphResume reconcile =
        new ReconcileRalphResume(
            indexed,
            new MeasuredResumeLock(new MkdirResumeLock(settings.stateDir()), metrics),
            currentSession,
            panes,
            new FileTransferJournal(settings.stateDir()),
            settings.clock());
    InspectSessions inspect = new InspectSessions(store, currentSession, settings.clock());
    RequestEnvironment environment = RequestEnvironment.of(settings.environment());
    ReconcileEndpoint reconcileEndpoint = new ReconcileEndpoint(reconcile, environment, metrics);
    SessionsEndpoint sessions = new SessionsEndpoint(inspect, store, environment);
    ExplainEndpoint explain =
        new ExplainEndpoint(
            locator ->
                new ExplainReconcile(
                    store,
                    currentSession,
                    locator,
                    new FileTransferJournal(settings.stateDir()),
                    settings.clock()),
            // The reconciles' pane locator: keep the two the same.
            panes,
            environment,
            new MkdirResumeLock(settings.stateDir()));
    SweepEndpoint sweep =
        new SweepEndpoint(
            store,
            new MeasuredResumeLock(new MkdirResumeLock(settings.stateDir()), metrics),
            environment,
            settings.clock());
    this.openApi = loadOpenApi();
    this.routes =
        List.of(
            new Route("GET", "/healthz", this::health),
            new Route(
                "GET",
                "/metrics",
                request ->
                    new Response(
                        200,
                        Metrics.MEDIA_TYPE,
                        renderMetrics().getBytes(StandardCharsets.UTF_8),
                        Map.of())),
            new Route("GET", "/openapi.json", request -> Response.json(200, openApi)),
            new Route("POST", "/v1/reconcile", reconcileEndpoint::reconcile),
            new Route("GET", "/v1/explain", explain::explain),
            new Route("POST", "/v1/sweep", sweep::sweep),
            new Route("GET", "/v1/sessions", sessions::list),
            new Route("GET", "/v1/sessions/{id}/ralph-state", sessions::ralphState));
    this.dispatcher = new Dispatcher(routes, settings.token(), metrics, inFlight);
  }

  /**
   * The pane an HTTP request names: its {@code tmuxPane}, injected as {@code TMUX_PANE} and
   * validated before it got here. The service never asks tmux: its own pane is not the caller's.
   */
  static PaneLocator requestPane() {
    return requestPane(Map.of());
  }

  /**
   * The pane an HTTP request names; for a request that names none, the locators the server's {@code
   * RALPH_RESUME_PANE_LOCATORS} lists, plugins from {@code RALPH_RESUME_PLUGIN_PATH} included.
   * Without that setting nothing is looked up, as before: the built-in tmux locators would find the
   * service's own terminal, not the caller's, so the server's {@code TMUX_PANE} is never passed on
   * and only locators that find the caller's pane belong in the list. Broken plugins are reported
   * on stderr, one line each, and left out.
   */
  static PaneLocator requestPane(Map<String, String> serverEnvironment) {
    PaneLocator named =
        environment ->
            environment.get(RequestEnvironment.TMUX_PANE).map(String::trim).flatMap(PaneId::parse);
    String order = serverEnvironment.getOrDefault(PaneLookupSettings.PANE_LOCATORS, "");
    if (order.isBlank()) return named;
    Map<String, String> lookupSettings = new HashMap<>(serverEnvironment);
    lookupSettings.remove(RequestEnvironment.TMUX_PANE);
    Consumer<String> problems =
        problem -> System.err.println("ralph-resume-http: warning: " + problem);
    ClassLoader plugins =
        PluginClassLoaders.of(
            serverEnvironment.get(PluginClassLoaders.PLUGIN_PATH),
            HttpApplication.class.getClassLoader(),
            problems);
    PaneLocator configured = PaneLocators.standard(lookupSettings, plugins, problems);
    return environment -> {
      Optional<PaneId> pane = named.locate(environment);
      return pane.isPresent() ? pane : configured.locate(environment);
    };
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
    // Bounded: a flood of requests queues up to the capacity, then is answered 503, instead of
    // every one of them polling the lock in its own thread. Only complete requests reach it.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            settings.workers(),
            settings.workers(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(settings.queueCapacity()),
            threads(),
            new ThreadPoolExecutor.AbortPolicy());
    NioHttpServer created =
        new NioHttpServer(
            new InetSocketAddress(settings.bindAddress(), port),
            settings.limits(),
            Dispatcher.MAX_BODY_BYTES,
            pool,
            dispatcher,
            metrics);
    inFlight.open();
    try {
      bound = created.start();
    } catch (IOException failure) {
      pool.shutdown();
      throw new UncheckedIOException(
          "cannot listen on "
              + settings.bindAddress().getHostAddress()
              + ":"
              + port
              + ": "
              + failure.getMessage(),
          failure);
    }
    if (settings.warmIndex()) {
      // Built in the background; until it answers, reconciles read every session.
      indexed.start();
      startedIndex = indexed;
    }
    workers = pool;
    server = created;
    return bound;
  }

  /**
   * Stops gracefully: new requests are refused (503), those in flight may finish for up to the
   * drain timeout (a reconcile releases the lock as it ends), then the listener and every
   * connection are closed. Threads still busy after that are interrupted, which makes a reconcile
   * waiting for the lock give up. Does nothing when not started.
   */
  void stop() {
    NioHttpServer running;
    ThreadPoolExecutor pool;
    synchronized (this) {
      if (server == null) return;
      running = server;
      pool = workers;
      server = null;
      workers = null;
    }
    inFlight.closeAndAwait(settings.drainTimeout());
    running.stop();
    IndexedRalphStateStore index = startedIndex;
    startedIndex = null;
    if (index != null) index.close();
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
    return bound;
  }

  /** Every served route, for the OpenAPI contract test. */
  List<Route> routes() {
    return routes;
  }

  /** The store with the warm index, while started with one. */
  Optional<IndexedRalphStateStore> index() {
    return Optional.ofNullable(startedIndex);
  }

  private String renderMetrics() {
    Optional<IndexedRalphStateStore> index = index();
    return metrics.render(
        inFlight.count(),
        index.map(IndexedRalphStateStore::ready).orElse(false),
        index.map(IndexedRalphStateStore::indexedSessions).orElse(0));
  }

  /** Connections admitted since the start. */
  long connectionsAccepted() {
    return metrics.connectionsAccepted();
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
