package dev.rushgate.feed.domain;

/**
 * Decides whether a post may be published, under which category, with which hashtags. A rejection is an answer
 * ({@link Inspection#approved()} false, with reasons), never an exception. When the decision could not be made at
 * all (the service throttled, failed or did not answer in time) it throws {@link InspectionUnavailable}: the post
 * stays pending and the caller tries again later.
 */
public interface Inspector {

    Inspection inspect(PostDraft post);

    /** No verdict could be had this time (throttled, a server error, a timeout): try again later. */
    final class InspectionUnavailable extends RuntimeException {
        public InspectionUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
