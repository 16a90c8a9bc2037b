import io.github.ralphresume.adapters.tmux.EnvPaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.TmuxAncestryPaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.TmuxEnvPaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.TmuxTtyPaneLocatorProvider;

/**
 * The pane lookup: finds the tmux pane the coding agent runs in, and is the seam through which
 * plugins add locators for other multiplexers ({@link PaneLocatorProvider}, found with {@link
 * java.util.ServiceLoader}; {@code PluginClassLoaders} loads them from a directory of jars).
 *
 * <p>The API is the one package {@code io.github.ralphresume.adapters.tmux}: the service-provider
 * interface {@code PaneLocatorProvider}, the entry points {@code PaneLocators} and {@code
 * PluginClassLoaders}, the values {@code PaneLookupSettings} and {@code PaneLookup}, {@code
 * ExplainingPaneLocator}, and the built-in providers (public only because {@code ServiceLoader}
 * instantiates them). The tmux client, the agent-pane rules and the locators themselves are
 * package-private.
 *
 * <p>JNA is required as the {@code com.sun.jna} module ({@code net.java.dev.jna:jna-jpms}; on the
 * class path the plain {@code jna} jar works as well). On JDK 24 and later the JVM warns when JNA
 * loads its native library unless native access is enabled: {@code
 * --enable-native-access=com.sun.jna} on the module path, {@code
 * --enable-native-access=ALL-UNNAMED} on the class path. Nothing else is needed.
 *
 * @uses PaneLocatorProvider locators for other multiplexers, and the built-ins
 * @provides PaneLocatorProvider {@code tmux-env}, {@code tmux-tty}, {@code tmux-ancestry} and
 *     {@code env}
 * @since 0.1.0
 */
module io.github.ralphresume.adapters.tmux {
  requires transitive io.github.ralphresume.domain;
  requires com.sun.jna;

  exports io.github.ralphresume.adapters.tmux;

  uses PaneLocatorProvider;

  provides PaneLocatorProvider with
      TmuxEnvPaneLocatorProvider,
      TmuxTtyPaneLocatorProvider,
      TmuxAncestryPaneLocatorProvider,
      EnvPaneLocatorProvider;
}
