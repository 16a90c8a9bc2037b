package io.github.ralphresume.domain.model;

/**
 * A prior session's active, fresh Ralph loop owned by the payload's Codex conversation.
 *
 * @param sessionId the prior session
 * @param document its document
 * @param verdict how it matched
 * @since 0.1.0
 */
public record Candidate(OmxSessionId sessionId, RalphDocument document, CandidateVerdict verdict) {}
