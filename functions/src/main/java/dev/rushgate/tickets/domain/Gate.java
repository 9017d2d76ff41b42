package dev.rushgate.tickets.domain;

import java.util.Optional;

/** The waiting rooms' word on who was let in: a show with a roomId takes holds only from admitted users. */
public interface Gate {

    /** The room {@code token} admits {@code userId} to: empty unless valid, unexpired, unrevoked and theirs. */
    Optional<String> admittedRoom(String token, String userId);

    Gate NONE = (token, userId) -> Optional.empty();
}
