package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;

/** A buggy plugin: {@code throwing} fails on every lookup. */
public final class ThrowingPaneLocatorProvider implements PaneLocatorProvider {
  public ThrowingPaneLocatorProvider() {}

  @Override
  public String name() {
    return "throwing";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    return environment -> {
      throw new IllegalStateException("boom");
    };
  }
}
