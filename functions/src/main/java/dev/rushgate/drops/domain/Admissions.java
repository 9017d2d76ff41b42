package dev.rushgate.drops.domain;

import java.util.Optional;

/**
 * The waiting rooms' word on who was let in. A drop with a {@code roomId} takes claims only from users
 * holding a valid admission to that room.
 */
public interface Admissions {

    /**
     * The room that {@code token} admits {@code userId} to: empty unless it is a valid admission token of
     * this very user, unexpired and unrevoked.
     */
    Optional<String> admittedRoom(String token, String userId);

    /** No waiting rooms at all: nobody is admitted anywhere, so only drops without a room take claims. */
    Admissions NONE = (token, userId) -> Optional.empty();
}
