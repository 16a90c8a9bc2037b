package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;

/** Plugins broken in the ways a third-party jar can be. */
final class BrokenPaneLocatorProviders {
  private BrokenPaneLocatorProviders() {}

  /** Its constructor throws, so {@code ServiceLoader} cannot instantiate it. */
  public static final class ExplodingConstructor implements PaneLocatorProvider {
    public ExplodingConstructor() {
      throw new IllegalStateException("no config");
    }

    @Override
    public String name() {
      return "exploding";
    }

    @Override
    public PaneLocator create(PaneLookupSettings settings) {
      throw new AssertionError("never created");
    }
  }

  /** Its {@code create} throws. */
  public static final class FailingCreate implements PaneLocatorProvider {
    public FailingCreate() {}

    @Override
    public String name() {
      return "failing-create";
    }

    @Override
    public PaneLocator create(PaneLookupSettings settings) {
      throw new UnsupportedOperationException("needs zellij 0.40");
    }
  }
}
