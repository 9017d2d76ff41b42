package dev.rushgate.room.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Signed admission tokens. Anyone can check one offline with {@link #publicKeys()}; a key that signed
 * tokens still in force stays published (and verifying) after rotation until they have expired.
 */
public interface AdmissionTokens {

    String issue(Admission admission);

    /** The admission a token carries, when its signature is ours and it has not expired at {@code now}. */
    Optional<Admission> verify(String token, Instant now);

    /** The JWK set (public keys only) that verifies every token in force. */
    Map<String, Object> publicKeys();
}
