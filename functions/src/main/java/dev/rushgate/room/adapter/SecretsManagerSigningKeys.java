package dev.rushgate.room.adapter;

import com.nimbusds.jose.jwk.ECKey;
import dev.rushgate.platform.errors.Unavailable;
import dev.rushgate.room.domain.KeyRotation;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Admission keys shared by every function through one secret holding an {@link AdmissionKeySet}. Each
 * process caches the set and reads it again every {@code refreshEvery}, and at once (at most every
 * {@code lookAgainAfter}) when a token names a key it does not know: so a rotation reaches every function
 * without a redeploy, and a function that signs with a new key is understood by the others straight away.
 * Only {@link #rotateIfDue} writes, and it never overwrites a version it did not read.
 */
public final class SecretsManagerSigningKeys implements SigningKeys, KeyRotation {

    /** The secret, as this adapter needs it: a port so the logic is tested without Secrets Manager. */
    public interface Secret {
        /** The current value and its version id. */
        Stored read();

        /**
         * Stores {@code value} as the version that follows {@code previousVersion}; false when another writer
         * already stored a different one after it.
         */
        boolean replace(String previousVersion, String value);
    }

    /** A secret's value and version. */
    public record Stored(String value, String version) {}

    private final Secret secret;
    private final Duration refreshEvery;
    private final Duration lookAgainAfter;
    private final Duration rotateEvery;
    private final Duration keepRetired;

    private AdmissionKeySet cached;
    private Instant readAt = Instant.MIN;

    /**
     * @param refreshEvery   how stale the cached set may get
     * @param lookAgainAfter the shortest gap between reads caused by unknown key ids (they can be forged)
     * @param rotateEvery    the age at which the signing key is replaced
     * @param keepRetired    how long a replaced key keeps verifying: the longest admission, plus
     *                       {@code refreshEvery} (others may sign with it until they read the new set)
     */
    public SecretsManagerSigningKeys(Secret secret, Duration refreshEvery, Duration lookAgainAfter,
                                     Duration rotateEvery, Duration keepRetired) {
        if (keepRetired.compareTo(refreshEvery) <= 0) {
            throw new IllegalArgumentException("retired keys must outlive the cache: " + keepRetired);
        }
        this.secret = secret;
        this.refreshEvery = refreshEvery;
        this.lookAgainAfter = lookAgainAfter;
        this.rotateEvery = rotateEvery;
        this.keepRetired = keepRetired;
    }

    /** The secret {@code secretId} (ARN or name) through a client built once per execution environment. */
    public static Secret secret(SecretsManagerClient client, String secretId) {
        return new Secret() {
            @Override
            public Stored read() {
                var value = client.getSecretValue(r -> r.secretId(secretId));
                return new Stored(value.secretString(), value.versionId());
            }

            @Override
            public boolean replace(String previousVersion, String value) {
                // The token names the version that follows previousVersion: a second writer of a different value
                // after the same version is refused, which makes PutSecretValue a compare-and-set. Should the
                // refusal come as another exception, the run fails and the next one finds the rotation done.
                String token = UUID.nameUUIDFromBytes(("after:" + previousVersion).getBytes(StandardCharsets.UTF_8))
                        .toString();
                try {
                    client.putSecretValue(r -> r.secretId(secretId).clientRequestToken(token).secretString(value));
                    return true;
                } catch (ResourceExistsException e) {
                    return false;
                }
            }
        };
    }

    @Override
    public synchronized ECKey signing(Instant now) {
        return current(now).signer().orElseThrow(() -> new Unavailable("admission-keys-unavailable",
                "No admission key has been made yet: the rotation function makes the first one."));
    }

    @Override
    public synchronized List<ECKey> verifying(Instant now) {
        return current(now).verifiers(now);
    }

    @Override
    public synchronized Optional<ECKey> verifier(String kid, Instant now) {
        Optional<ECKey> known = find(current(now), kid, now);
        if (known.isPresent() || readAt.plus(lookAgainAfter).isAfter(now)) return known;
        return find(read(now), kid, now);
    }

    @Override
    public synchronized Outcome rotateIfDue(Instant now) {
        Stored stored = secret.read();
        AdmissionKeySet keys = AdmissionKeySet.parse(stored.value());
        if (!keys.rotationDue(now, rotateEvery)) return Outcome.NOT_DUE;
        AdmissionKeySet next = keys.rotated(now, keepRetired);
        if (!secret.replace(stored.version(), next.toJson())) return Outcome.LOST_RACE;
        cached = next;
        readAt = now;
        return keys.signer().isEmpty() ? Outcome.FIRST_KEY : Outcome.ROTATED;
    }

    private AdmissionKeySet current(Instant now) {
        if (cached == null || !readAt.plus(refreshEvery).isAfter(now)) return read(now);
        return cached;
    }

    private AdmissionKeySet read(Instant now) {
        try {
            cached = AdmissionKeySet.parse(secret.read().value());
        } catch (RuntimeException e) {
            // Keys we already have stay good for a while: an unreachable secret must not stop every admission.
            if (cached == null) throw e;
        }
        readAt = now;
        return cached;
    }

    private static Optional<ECKey> find(AdmissionKeySet keys, String kid, Instant now) {
        return keys.verifiers(now).stream().filter(k -> k.getKeyID().equals(kid)).findFirst();
    }
}
