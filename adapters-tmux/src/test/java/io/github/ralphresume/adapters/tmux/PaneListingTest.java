package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.PaneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaneListingTest {
  @Test
  void givenTtyListing_twoFields_keepsOnlyLinesWithPaneIds() {
    String output = "%0\t/dev/pts/0\n%12\t/dev/pts/3\r\nbogus\t/dev/pts/4\n%5\n\n%7\t\n";

    List<PaneListing.Row> rows = PaneListing.twoFields(output);

    assertEquals(
        List.of(
            new PaneListing.Row(new PaneId("%0"), "/dev/pts/0"),
            new PaneListing.Row(new PaneId("%12"), "/dev/pts/3"),
            new PaneListing.Row(new PaneId("%7"), "")),
        rows);
  }

  @Test
  void givenSessionListing_firstCodexPane_isFirstCodexStartedPaneThatIsNotHud() {
    String output =
        "%0\tbash\t\n"
            + "%1\tnode\tnode /x/oh-my-codex/omx.js hud --watch\n"
            + "%2\tnode\t/usr/bin/codex\n"
            + "%3\tnode\tcodex resume\n";

    assertEquals(Optional.of(new PaneId("%2")), PaneListing.firstCodexPane(output, notes()));
  }

  @Test
  void givenStartCommandInUpperCase_firstCodexPane_matchesCaseInsensitively() {
    assertEquals(
        Optional.of(new PaneId("%4")),
        PaneListing.firstCodexPane("%4\tbash\tCODEX --full-auto\n", notes()));
  }

  @Test
  void givenCodexOnlyInCurrentCommand_firstCodexPane_findsNothing() {
    // Only the start command counts in the session scan, as in the reference.
    assertEquals(
        Optional.empty(), PaneListing.firstCodexPane("%4\tcodex\tbash\n%5\tcodex\n", notes()));
  }

  @Test
  void givenTabInStartCommand_firstCodexPane_readsOnlyThirdField() {
    assertEquals(Optional.empty(), PaneListing.firstCodexPane("%4\tbash\tsh\tcodex\n", notes()));
  }

  @Test
  void givenInvalidIdOnMatchingLine_firstCodexPane_skipsItWithNote() {
    List<String> notes = notes();

    Optional<PaneId> pane =
        PaneListing.firstCodexPane("\n\t\tcodex\nmain\tnode\tcodex\n%9\tnode\tcodex\n", notes);

    assertEquals(Optional.of(new PaneId("%9")), pane);
    assertTrue(notes.get(0).contains("\"main\""), notes.toString());
  }

  @Test
  void givenEmptyOutput_firstCodexPane_findsNothing() {
    assertEquals(Optional.empty(), PaneListing.firstCodexPane("  \n", notes()));
  }

  private static List<String> notes() {
    return new ArrayList<>();
  }
}
