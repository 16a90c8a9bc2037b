/** An example program that runs ralph-resume's reconcile in-process with its own pane locator. */
module com.example.ralph.embed {
  requires io.github.ralphresume.adapters.fs;

  exports com.example.ralph.embed;
}
