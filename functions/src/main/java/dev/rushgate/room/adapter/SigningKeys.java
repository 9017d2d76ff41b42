package dev.rushgate.room.adapter;

import com.nimbusds.jose.jwk.ECKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where admission tokens' P-256 keys come from. The key that signs is the newest; keys retired by a
 * rotation keep verifying, and stay published, until every token they signed has expired.
 */
public interface SigningKeys {

    /** The private key that signs new tokens at {@code now}. */
    ECKey signing(Instant now);

    /** Public keys of every key whose tokens may still be in force at {@code now}, newest first. */
    List<ECKey> verifying(Instant now);

    /**
     * The public key named {@code kid}, if it verifies at {@code now}. A source whose keys change under it
     * (another process rotates them) may look again before saying no.
     */
    default Optional<ECKey> verifier(String kid, Instant now) {
        return verifying(now).stream().filter(k -> k.getKeyID().equals(kid)).findFirst();
    }
}
