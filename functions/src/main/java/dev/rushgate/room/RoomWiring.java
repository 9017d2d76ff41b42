package dev.rushgate.room;

import com.nimbusds.jose.jwk.ECKey;
import dev.rushgate.ops.OpsWiring;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.RefusalMemory;
import dev.rushgate.room.domain.RememberedLimits;
import dev.rushgate.platform.Config;
import dev.rushgate.platform.errors.Unavailable;
import dev.rushgate.room.adapter.Es256AdmissionTokens;
import dev.rushgate.room.adapter.GeneratedSigningKeys;
import dev.rushgate.room.domain.KeyRotation;
import dev.rushgate.room.adapter.RedisWaitingLine;
import dev.rushgate.room.adapter.SecretsManagerSigningKeys;
import dev.rushgate.room.adapter.SigningKeys;
import dev.rushgate.room.domain.AdmissionTokens;
import dev.rushgate.room.domain.ChangeAdmissionRate;
import dev.rushgate.room.domain.CheckAdmission;
import dev.rushgate.room.domain.DefineRoom;
import dev.rushgate.room.domain.EnterRoom;
import dev.rushgate.room.domain.RevokeAdmission;
import dev.rushgate.room.domain.Room;
import dev.rushgate.room.domain.ViewEntry;
import dev.rushgate.room.domain.ViewRoom;
import dev.rushgate.wiring.EnvNames;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builds the waiting room's use cases from configuration, once per execution environment. The signing
 * keys are one instance per process, so every function of the local stack (one JVM) signs and verifies
 * with the same keys; in the cloud each process reads them from one shared secret, on first use (so after
 * a SnapStart restore, never into a snapshot).
 */
public final class RoomWiring {
    private RoomWiring() {}

    /** How often the keys rotate. */
    static final Duration ROTATE_EVERY = Duration.ofHours(24);
    /** How stale a function's copy of the shared keys may get, so how late a rotation may reach it. */
    static final Duration REFRESH_EVERY = Duration.ofMinutes(5);
    /** Retired keys verify as long as the longest admission lasts, plus the time a rotation takes to spread. */
    static final Duration KEEP_RETIRED = Room.MAX_TTL.plus(REFRESH_EVERY).plusMinutes(10);

    private static final Clock CLOCK = Clock.systemUTC();
    private static volatile SigningKeys keys;

    public static DefineRoom defineRoom() {
        return new DefineRoom(line(), CLOCK);
    }

    public static EnterRoom enterRoom() {
        return new EnterRoom(new RememberedLimits(line(), RefusalMemory.bound(), System::nanoTime), tokens(), CLOCK);
    }

    public static ViewEntry viewEntry() {
        return new ViewEntry(line(), tokens(), CLOCK);
    }

    public static ViewRoom viewRoom() {
        return new ViewRoom(line(), CLOCK);
    }

    public static RevokeAdmission revokeAdmission() {
        return new RevokeAdmission(line(), OpsWiring.auditControl());
    }

    public static ChangeAdmissionRate changeAdmissionRate() {
        return new ChangeAdmissionRate(line(), OpsWiring.auditControl(), CLOCK);
    }

    public static CheckAdmission checkAdmission() {
        return new CheckAdmission(tokens(), line(), CLOCK);
    }

    /**
     * Keys are looked up on first use, not here: claim-drop builds this for every drop, and a drop without a
     * room must not depend on where admission keys come from.
     */
    public static AdmissionTokens tokens() {
        return new Es256AdmissionTokens(new SigningKeys() {
            @Override public ECKey signing(Instant now) { return keys().signing(now); }
            @Override public List<ECKey> verifying(Instant now) { return keys().verifying(now); }
            @Override public Optional<ECKey> verifier(String kid, Instant now) { return keys().verifier(kid, now); }
        }, CLOCK);
    }

    /** The rotation of the shared keys; with generated keys there is nothing shared to rotate. */
    public static KeyRotation keyRotation() {
        return keys() instanceof KeyRotation rotation ? rotation : now -> KeyRotation.Outcome.IN_MEMORY;
    }

    private static RedisWaitingLine line() {
        return new RedisWaitingLine(Clients.get()::redisAsync);
    }

    /**
     * The key source named by {@link EnvNames#ADMISSION_KEYS}: {@code generated} (keys made in memory; right
     * for the local stack, where every function shares the process) or a Secrets Manager secret's ARN (the
     * cloud: one JWK set every function reads). A function without either answers 503
     * {@code admission-keys-unavailable} rather than signing with keys the others cannot verify.
     */
    private static SigningKeys keys() {
        SigningKeys current = keys;
        if (current == null) {
            synchronized (RoomWiring.class) {
                current = keys;
                if (current == null) {
                    String source = Config.optional(EnvNames.ADMISSION_KEYS).orElse("");
                    if (source.equals(EnvNames.GENERATED_KEYS)) {
                        current = new GeneratedSigningKeys(ROTATE_EVERY, KEEP_RETIRED);
                    } else if (source.startsWith("arn:") && source.contains(":secretsmanager:")) {
                        current = new SecretsManagerSigningKeys(
                                SecretsManagerSigningKeys.secret(Clients.get().secretsManager(), source),
                                REFRESH_EVERY, Duration.ofSeconds(10), ROTATE_EVERY, KEEP_RETIRED);
                    } else {
                        throw new Unavailable("admission-keys-unavailable",
                                "This function has no shared key source for admission tokens.");
                    }
                    keys = current;
                }
            }
        }
        return current;
    }
}
