package dev.rushgate.room.adapter;

import com.nimbusds.jose.jwk.ECKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys made in memory when first needed, as the local stack uses them (they never outlive the process).
 * A new key takes over signing every {@code rotateEvery}; a retired key verifies for {@code keepRetired}
 * more, which must be at least the longest admission a token can carry.
 */
public final class GeneratedSigningKeys implements SigningKeys {

    private record Generation(ECKey key, Instant madeAt, Instant retiredAt) {}

    private final Duration rotateEvery;
    private final Duration keepRetired;
    private final List<Generation> generations = new ArrayList<>();

    public GeneratedSigningKeys(Duration rotateEvery, Duration keepRetired) {
        this.rotateEvery = rotateEvery;
        this.keepRetired = keepRetired;
    }

    @Override
    public synchronized ECKey signing(Instant now) {
        return current(now).key();
    }

    @Override
    public synchronized List<ECKey> verifying(Instant now) {
        current(now);
        List<ECKey> keys = new ArrayList<>();
        for (int i = generations.size() - 1; i >= 0; i--) {
            Generation g = generations.get(i);
            if (g.retiredAt() == null || g.retiredAt().plus(keepRetired).isAfter(now)) keys.add(g.key().toPublicJWK());
        }
        return keys;
    }

    /** Makes a new signing key now, whatever the age of the current one. */
    public synchronized void rotate(Instant now) {
        if (!generations.isEmpty()) {
            Generation last = generations.removeLast();
            generations.add(new Generation(last.key(), last.madeAt(), now));
        }
        generations.add(new Generation(AdmissionKeySet.generate(now), now, null));
        generations.removeIf(g -> g.retiredAt() != null && !g.retiredAt().plus(keepRetired).isAfter(now));
    }

    private Generation current(Instant now) {
        if (generations.isEmpty() || !generations.getLast().madeAt().plus(rotateEvery).isAfter(now)) rotate(now);
        return generations.getLast();
    }
}
