package dev.rushgate.room.adapter;

import com.nimbusds.jose.jwk.ECKey;
import dev.rushgate.platform.errors.Unavailable;
import dev.rushgate.room.domain.KeyRotation.Outcome;
import dev.rushgate.room.adapter.SecretsManagerSigningKeys.Stored;
import dev.rushgate.room.domain.Admission;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shared admission keys over an in-memory secret that behaves as Secrets Manager's versions do: each write
 * names the version it follows, and only the first write after a version is kept.
 */
class SecretsManagerSigningKeysTest {

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");
    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(10);
    private static final Duration ROTATE = Duration.ofHours(24);
    private static final Duration KEEP = Duration.ofHours(2);

    /** The secret's versions, oldest first; starts as the CDK creates it (an empty set). */
    static final class InMemorySecret implements SecretsManagerSigningKeys.Secret {
        final List<Stored> versions = new ArrayList<>(List.of(new Stored("{\"keys\":[]}", "v0")));
        final List<String> writtenAfter = new ArrayList<>();
        int reads;

        @Override public synchronized Stored read() {
            reads++;
            return versions.getLast();
        }

        @Override public synchronized boolean replace(String previousVersion, String value) {
            if (writtenAfter.contains(previousVersion)) return false;
            writtenAfter.add(previousVersion);
            versions.add(new Stored(value, UUID.randomUUID().toString()));
            return true;
        }
    }

    private final InMemorySecret secret = new InMemorySecret();

    private SecretsManagerSigningKeys process() {
        return new SecretsManagerSigningKeys(secret, REFRESH, LOOK_AGAIN, ROTATE, KEEP);
    }

    private static Es256AdmissionTokens tokens(SigningKeys keys, Instant now) {
        return new Es256AdmissionTokens(keys, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Admission admission(Instant expiresAt) {
        return new Admission("room-1", "u-1", "0".repeat(32), expiresAt);
    }

    @Test
    void answers503_untilTheFirstRotationMakesAKey_thenSignsWithIt() {
        // given a fresh deployment: the secret holds an empty set
        var keys = process();
        assertThatThrownBy(() -> keys.signing(T0)).isInstanceOf(Unavailable.class)
                .hasFieldOrPropertyWithValue("code", "admission-keys-unavailable");

        // when
        Outcome outcome = keys.rotateIfDue(T0);

        // then
        assertThat(outcome).isEqualTo(Outcome.FIRST_KEY);
        assertThat(keys.signing(T0).isPrivate()).isTrue();
        assertThat(keys.verifying(T0)).extracting(ECKey::getKeyID).containsExactly(keys.signing(T0).getKeyID());
        assertThat(keys.verifying(T0)).noneMatch(ECKey::isPrivate);
    }

    @Test
    void changesNothing_whenTheSignerIsYoungerThanTheRotationPeriod() {
        // given
        var keys = process();
        keys.rotateIfDue(T0);
        int versions = secret.versions.size();

        // when
        Outcome outcome = keys.rotateIfDue(T0.plus(ROTATE).minusSeconds(1));

        // then
        assertThat(outcome).isEqualTo(Outcome.NOT_DUE);
        assertThat(secret.versions).hasSize(versions);
    }

    @Test
    void reachesEveryProcess_withoutARedeploy_whenTheKeysRotate() {
        // given a signer and a verifier, each its own process, and a rotator; the verifier read the set just
        // before the rotation, and a token was signed with the old key then
        var rotator = process();
        rotator.rotateIfDue(T0);
        var signer = process();
        var verifier = process();
        Instant rotation = T0.plus(ROTATE);
        Instant before = rotation.minusSeconds(1);
        String oldToken = tokens(signer, before).issue(admission(before.plus(Duration.ofHours(1))));
        assertThat(tokens(verifier, before).verify(oldToken, before)).isPresent();

        // when the keys rotate, and the signer, whose copy is older, signs with the new key
        assertThat(rotator.rotateIfDue(rotation)).isEqualTo(Outcome.ROTATED);
        Instant later = rotation.plus(REFRESH);
        String newToken = tokens(signer, later).issue(admission(later.plus(Duration.ofHours(1))));
        int readsBefore = secret.reads;

        // then the verifier, whose copy is still fresh, looks again on the unknown kid, and still accepts the
        // old key's token
        Instant check = rotation.plusSeconds(30);
        assertThat(tokens(verifier, check).verify(newToken, check)).isPresent();
        assertThat(tokens(verifier, check).verify(oldToken, check)).isPresent();
        assertThat(secret.reads).isEqualTo(readsBefore + 1);
        assertThat(signer.signing(later).getKeyID()).isNotEqualTo(rotator.verifying(before).getLast().getKeyID())
                .isEqualTo(rotator.signing(later).getKeyID());
    }

    @Test
    void retiresTheOldKey_afterTheLongestAdmission_andDropsIt_atTheNextRotation() {
        // given two rotations a day apart
        var keys = process();
        keys.rotateIfDue(T0);
        String first = keys.signing(T0).getKeyID();
        Instant second = T0.plus(ROTATE);
        keys.rotateIfDue(second);

        // then the first key verifies until KEEP after it retired, and not after
        assertThat(keys.verifying(second.plus(KEEP).minusSeconds(1))).extracting(ECKey::getKeyID).contains(first);
        assertThat(keys.verifying(second.plus(KEEP))).extracting(ECKey::getKeyID).doesNotContain(first);

        // when the next rotation comes, the first key leaves the secret
        keys.rotateIfDue(second.plus(ROTATE));
        assertThat(AdmissionKeySet.parse(secret.versions.getLast().value()).size()).isEqualTo(2);
        assertThat(secret.versions.getLast().value()).doesNotContain(first);
    }

    @Test
    void keepsTheFirstWritersKeys_whenTwoRotationsRace() {
        // given two rotators that both read the empty set
        var a = process();
        var b = process();
        Stored seen = secret.read();

        // when both rotate from the same version
        Outcome first = a.rotateIfDue(T0);
        var raced = new SecretsManagerSigningKeys(new SecretsManagerSigningKeys.Secret() {
            @Override public Stored read() { return seen; }
            @Override public boolean replace(String previousVersion, String value) {
                return secret.replace(previousVersion, value);
            }
        }, REFRESH, LOOK_AGAIN, ROTATE, KEEP);
        Outcome second = raced.rotateIfDue(T0);

        // then only the first writer's key exists, and every process signs with it
        assertThat(first).isEqualTo(Outcome.FIRST_KEY);
        assertThat(second).isEqualTo(Outcome.LOST_RACE);
        assertThat(b.signing(T0).getKeyID()).isEqualTo(a.signing(T0).getKeyID());
    }

    @Test
    void looksAgainForUnknownKeys_atMostOncePerGap() {
        // given
        var keys = process();
        keys.rotateIfDue(T0);
        keys.verifying(T0);
        int reads = secret.reads;

        // when forged kids arrive in a burst
        for (int i = 0; i < 100; i++) keys.verifier("forged-" + i, T0.plusSeconds(20));

        // then one read served them all
        assertThat(secret.reads).isEqualTo(reads + 1);
    }

    @Test
    void keepsVerifyingWithTheKeysItHas_whenTheSecretCannotBeRead() {
        // given a process that read the keys once
        var keys = process();
        keys.rotateIfDue(T0);
        String kid = keys.signing(T0).getKeyID();
        var failing = new SecretsManagerSigningKeys(new SecretsManagerSigningKeys.Secret() {
            int calls;
            @Override public Stored read() {
                if (calls++ > 0) throw new IllegalStateException("secrets manager unreachable");
                return secret.read();
            }
            @Override public boolean replace(String previousVersion, String value) { return false; }
        }, REFRESH, LOOK_AGAIN, ROTATE, KEEP);
        failing.verifying(T0);

        // when its cache is due but the secret fails
        var later = T0.plus(REFRESH).plusSeconds(1);

        // then
        assertThat(failing.verifier(kid, later)).isPresent();
        assertThat(failing.signing(later).getKeyID()).isEqualTo(kid);
    }
}
