package dev.rushgate.feed.domain;

import java.util.List;
import java.util.Optional;

/**
 * The user service another team runs: profiles and the categories a post may name. It fails often (FeedBox measured
 * one call in five waiting a second, then answering 500), so only the refresh consumer calls it; every reader reads
 * the cache.
 */
public interface UserService {

    /** The user's profile, or empty when the service does not know the user. */
    Optional<Profile> profile(String userId);

    List<String> categories();

    /** The service did not answer in time, answered an error, or its breaker is open. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
