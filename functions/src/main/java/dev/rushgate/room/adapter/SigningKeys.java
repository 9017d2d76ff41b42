package dev.rushgate.room.adapter;

import com.nimbusds.jose.jwk.ECKey;

import java.time.Instant;
import java.util.List;

/**
 * Where admission tokens' P-256 keys come from. The key that signs is the newest; keys retired by a
 * rotation keep verifying, and stay published, until every token they signed has expired.
 */
public interface SigningKeys {

    /** The private key that signs new tokens at {@code now}. */
    ECKey signing(Instant now);

    /** Public keys of every key whose tokens may still be in force at {@code now}, newest first. */
    List<ECKey> verifying(Instant now);
}
