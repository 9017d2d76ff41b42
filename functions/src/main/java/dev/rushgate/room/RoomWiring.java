package dev.rushgate.room;

import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.platform.errors.Unavailable;
import dev.rushgate.room.adapter.Es256AdmissionTokens;
import dev.rushgate.room.adapter.GeneratedSigningKeys;
import dev.rushgate.room.adapter.RedisWaitingLine;
import dev.rushgate.room.adapter.SigningKeys;
import dev.rushgate.room.domain.AdmissionTokens;
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

/**
 * Builds the waiting room's use cases from configuration, once per execution environment. The signing
 * keys are one instance per process, so every function of the local stack (one JVM) signs and verifies
 * with the same keys.
 */
public final class RoomWiring {
    private RoomWiring() {}

    /** How often the generated keys rotate; retired ones verify as long as the longest admission lasts. */
    static final Duration ROTATE_EVERY = Duration.ofHours(24);

    private static final Clock CLOCK = Clock.systemUTC();
    private static volatile SigningKeys keys;

    public static DefineRoom defineRoom() {
        return new DefineRoom(line(), CLOCK);
    }

    public static EnterRoom enterRoom() {
        return new EnterRoom(line(), tokens(), CLOCK);
    }

    public static ViewEntry viewEntry() {
        return new ViewEntry(line(), tokens(), CLOCK);
    }

    public static ViewRoom viewRoom() {
        return new ViewRoom(line(), CLOCK);
    }

    public static RevokeAdmission revokeAdmission() {
        return new RevokeAdmission(line());
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
            @Override public com.nimbusds.jose.jwk.ECKey signing(java.time.Instant now) { return keys().signing(now); }
            @Override public java.util.List<com.nimbusds.jose.jwk.ECKey> verifying(java.time.Instant now) {
                return keys().verifying(now);
            }
        }, CLOCK);
    }

    private static RedisWaitingLine line() {
        return new RedisWaitingLine(Clients.get()::redis);
    }

    /**
     * The key source named by {@link EnvNames#ADMISSION_KEYS}. Only {@code generated} exists so far (keys
     * made in memory; right for the local stack, where every function shares the process). A deployment
     * without a shared key source (Secrets Manager or KMS, still to come) answers 503
     * {@code admission-keys-unavailable} rather than letting each function sign with keys the others cannot
     * verify.
     */
    private static SigningKeys keys() {
        SigningKeys current = keys;
        if (current == null) {
            synchronized (RoomWiring.class) {
                current = keys;
                if (current == null) {
                    String source = Config.optional(EnvNames.ADMISSION_KEYS).orElse("");
                    if (!source.equals(EnvNames.GENERATED_KEYS)) {
                        throw new Unavailable("admission-keys-unavailable",
                                "This deployment has no shared key source for admission tokens yet.");
                    }
                    keys = current = new GeneratedSigningKeys(ROTATE_EVERY, Room.MAX_TTL.plusMinutes(5));
                }
            }
        }
        return current;
    }
}
