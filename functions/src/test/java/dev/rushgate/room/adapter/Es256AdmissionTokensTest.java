package dev.rushgate.room.adapter;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rushgate.room.domain.Admission;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ES256 admission tokens on keys that rotate, with a clock the test moves. */
class Es256AdmissionTokensTest {

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");

    /** A clock the test sets. */
    private static final class MovableClock extends Clock {
        Instant now = T0;
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final MovableClock clock = new MovableClock();
    private final GeneratedSigningKeys keys = new GeneratedSigningKeys(Duration.ofHours(1), Duration.ofMinutes(30));
    private final Es256AdmissionTokens tokens = new Es256AdmissionTokens(keys, clock);

    private static Admission admission(Instant expiresAt) {
        return new Admission("room-1", "u-1", "0".repeat(32), expiresAt);
    }

    @Test
    void verifiesItsOwnToken_andReadsBackEveryClaim() {
        String token = tokens.issue(admission(T0.plusSeconds(600)));

        assertThat(tokens.verify(token, T0)).contains(admission(T0.plusSeconds(600)));
    }

    @Test
    void refusesExpiredTamperedForeignAndUnsignedTokens() throws Exception {
        String token = tokens.issue(admission(T0.plusSeconds(600)));
        String[] parts = token.split("\\.");
        String otherClaims = tokens.issue(new Admission("room-2", "u-1", "0".repeat(32), T0.plusSeconds(600))).split("\\.")[1];
        var foreignKey = new ECKeyGenerator(Curve.P_256).keyID(keys.signing(T0).getKeyID()).generate();
        var foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(foreignKey.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(Es256AdmissionTokens.ISSUER).subject("u-1").claim("room", "room-1")
                        .jwtID("0".repeat(32)).expirationTime(Date.from(T0.plusSeconds(600))).build());
        foreign.sign(new ECDSASigner(foreignKey));

        assertThat(tokens.verify(token, T0.plusSeconds(600))).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + otherClaims + "." + parts[2], T0)).isEmpty();
        assertThat(tokens.verify(foreign.serialize(), T0)).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1] + ".", T0)).isEmpty();
        assertThat(tokens.verify("x".repeat(5000), T0)).isEmpty();
    }

    @Test
    void keepsOldTokensValidAfterRotation_untilTheRetiredKeyIsDropped() {
        // given keys made at 00:00 and a token signed at 00:50 by the first key, good for 20 minutes
        keys.signing(T0);
        clock.now = T0.plus(Duration.ofMinutes(50));
        String old = tokens.issue(admission(clock.now.plus(Duration.ofMinutes(20))));
        String firstKid = kid(old);

        // when the keys rotate at 01:00
        clock.now = T0.plus(Duration.ofMinutes(61));
        String fresh = tokens.issue(admission(clock.now.plus(Duration.ofMinutes(45))));

        // then new tokens use the new key, both are published, and the old token still verifies
        assertThat(kid(fresh)).isNotEqualTo(firstKid);
        assertThat(publishedKids()).containsExactly(kid(fresh), firstKid);
        assertThat(tokens.verify(old, clock.now)).isPresent();
        assertThat(tokens.verify(fresh, clock.now)).isPresent();

        // and once the retired key's 30 minutes are over, it is no longer published
        clock.now = T0.plus(Duration.ofMinutes(91));
        assertThat(publishedKids()).containsExactly(kid(fresh));
        assertThat(tokens.verify(fresh, clock.now)).isPresent();
    }

    @Test
    void signsAnAdmissionOnce_butAgainOnceTheKeysRotate() {
        // given an admission whose owner polls again and again
        Admission admitted = admission(T0.plus(Duration.ofMinutes(90)));
        String first = tokens.issue(admitted);

        // when asked again under the same key, and after the keys rotate
        clock.now = T0.plus(Duration.ofMinutes(30));
        String again = tokens.issue(admitted);
        String otherAdmission = tokens.issue(new Admission("room-1", "u-2", "1".repeat(32), admitted.expiresAt()));
        clock.now = T0.plus(Duration.ofMinutes(61));
        String rotated = tokens.issue(admitted);

        // then the same token comes back until the new key signs a new one, and both verify
        assertThat(again).isEqualTo(first);
        assertThat(otherAdmission).isNotEqualTo(first);
        assertThat(kid(rotated)).isNotEqualTo(kid(first));
        assertThat(tokens.verify(first, clock.now)).contains(admitted);
        assertThat(tokens.verify(rotated, clock.now)).contains(admitted);
    }

    @Test
    void publishesPublicKeysOnly() {
        @SuppressWarnings("unchecked")
        var jwks = (List<Map<String, Object>>) tokens.publicKeys().get("keys");

        assertThat(jwks).singleElement().satisfies(key -> {
            assertThat(key).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsKeys("x", "y", "kid");
            assertThat(key).doesNotContainKey("d");
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> publishedKids() {
        return ((List<Map<String, Object>>) tokens.publicKeys().get("keys")).stream()
                .map(k -> (String) k.get("kid")).toList();
    }

    private static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
