package dev.rushgate.votes.domain;

import java.util.Optional;

/** The waiting rooms' word on who was let in. A poll with a {@code roomId} takes votes only from them. */
public interface Admissions {

    /** The room {@code token} admits {@code userId} to: empty unless it is a valid admission of this user. */
    Optional<String> admittedRoom(String token, String userId);

    /** No waiting rooms at all: only polls without a room take votes. */
    Admissions NONE = (token, userId) -> Optional.empty();
}
