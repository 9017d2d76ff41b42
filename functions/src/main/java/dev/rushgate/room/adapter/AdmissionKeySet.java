package dev.rushgate.room.adapter;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admission keys as stored: a JWK set of P-256 private keys, each with {@code iat} (when it was made)
 * and, once a newer key took over, {@code exp} (when it stops verifying: its retirement plus the longest
 * admission a token it signed can carry). The signer is the newest key without {@code exp}; every key
 * without {@code exp}, or whose {@code exp} is still ahead, verifies. Immutable.
 */
public final class AdmissionKeySet {

    private static final AdmissionKeySet EMPTY = new AdmissionKeySet(List.of());

    /** Newest first. */
    private final List<ECKey> keys;

    private AdmissionKeySet(List<ECKey> keys) {
        this.keys = keys.stream().sorted(Comparator.comparing(AdmissionKeySet::madeAt).reversed()).toList();
    }

    public static AdmissionKeySet empty() {
        return EMPTY;
    }

    /** Reads the stored JSON; a blank value or an empty set is an empty set (before the first rotation). */
    public static AdmissionKeySet parse(String json) {
        if (json == null || json.isBlank()) return EMPTY;
        try {
            List<ECKey> keys = new ArrayList<>();
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || ec.getIssueTime() == null || ec.getKeyID() == null) {
                    throw new IllegalStateException("admission keys must be private P-256 keys with kid and iat");
                }
                keys.add(ec);
            }
            return new AdmissionKeySet(keys);
        } catch (ParseException e) {
            throw new IllegalStateException("admission keys are not a JWK set", e);
        }
    }

    /** The JSON to store, private parts included. */
    public String toJson() {
        return new JWKSet(keys.stream().map(k -> (JWK) k).toList()).toString(false);
    }

    /** The key that signs new tokens at {@code now}, if one was made yet. */
    public Optional<ECKey> signer() {
        return keys.stream().filter(k -> k.getExpirationTime() == null).findFirst();
    }

    /** Public parts of every key that may still verify at {@code now}, newest first. */
    public List<ECKey> verifiers(Instant now) {
        return keys.stream().filter(k -> verifies(k, now)).map(ECKey::toPublicJWK).toList();
    }

    /** Whether a rotation is due: no signer yet, or the signer is at least {@code rotateEvery} old. */
    public boolean rotationDue(Instant now, Duration rotateEvery) {
        return signer().map(k -> !madeAt(k).plus(rotateEvery).isAfter(now)).orElse(true);
    }

    /**
     * A new signer made {@code now}; the previous signer retires and verifies for {@code keepRetired} more,
     * and keys that can verify nothing any more are dropped.
     */
    public AdmissionKeySet rotated(Instant now, Duration keepRetired) {
        List<ECKey> next = new ArrayList<>();
        for (ECKey key : keys) {
            ECKey kept = key.getExpirationTime() == null
                    ? new ECKey.Builder(key).expirationTime(Date.from(now.plus(keepRetired))).build()
                    : key;
            if (verifies(kept, now)) next.add(kept);
        }
        next.add(generate(now));
        return new AdmissionKeySet(next);
    }

    public int size() {
        return keys.size();
    }

    private static boolean verifies(ECKey key, Instant now) {
        return key.getExpirationTime() == null || key.getExpirationTime().toInstant().isAfter(now);
    }

    private static Instant madeAt(ECKey key) {
        return key.getIssueTime().toInstant();
    }

    /** A new P-256 signing key, stamped with when it was made; every admission key source makes its keys here. */
    static ECKey generate(Instant now) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an admission key", e);
        }
    }
}
