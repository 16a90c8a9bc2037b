package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tries named locators in order and returns the first pane found. A locator that throws is noted
 * and passed over: a plugin's bug must not fail the agent's turn.
 */
final class PaneLocatorChain implements ExplainingPaneLocator {
  record Link(String name, PaneLocator locator) {}

  private final List<Link> links;
  private final List<String> setupNotes;
  private final Consumer<String> problems;

  PaneLocatorChain(List<Link> links, List<String> setupNotes) {
    this(links, setupNotes, problem -> {});
  }

  /** {@code problems} hears of every locator that throws, as it happens. */
  PaneLocatorChain(List<Link> links, List<String> setupNotes, Consumer<String> problems) {
    this.links = List.copyOf(links);
    this.setupNotes = List.copyOf(setupNotes);
    this.problems = problems;
  }

  List<String> names() {
    return links.stream().map(Link::name).toList();
  }

  @Override
  public PaneLookup lookup(Environment environment) {
    List<String> notes = new ArrayList<>(setupNotes);
    for (Link link : links) {
      PaneLookup result;
      try {
        result = PaneLocators.explain(link.locator(), environment);
      } catch (RuntimeException | LinkageError e) {
        String failure = Notes.oneLine(String.valueOf(e));
        notes.add(link.name() + ": failed: " + failure);
        problems.accept(
            "pane locator " + Notes.quoted(link.name()) + " failed: " + failure + "; skipped");
        continue;
      }
      result.notes().forEach(note -> notes.add(link.name() + ": " + note));
      Optional<PaneId> pane = result.pane();
      if (pane.isPresent()) return PaneLookup.found(pane.get(), notes);
    }
    return PaneLookup.none(notes);
  }
}
