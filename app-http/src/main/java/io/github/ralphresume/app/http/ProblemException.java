package io.github.ralphresume.app.http;

/** Ends a request with a problem response; thrown by handlers, answered by the dispatcher. */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  ProblemException(Problem problem) {
    // An expected answer, not a failure: no stack trace to fill in or to leak.
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
