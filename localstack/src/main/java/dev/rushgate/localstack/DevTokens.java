package dev.rushgate.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stack's own token issuer, standing in for the OIDC issuer (Cognito) the cloud's JWT authorizer
 * trusts. Its P-256 key is made at start, so tokens never outlive the stack. ES256 rather than Cognito's
 * RS256: signing is many times cheaper, and benchmarks mint a token for each of 100,000 users.
 * {@link #verify} checks what API Gateway's JWT authorizer checks (signature, issuer, audience, expiry) and
 * remembers good tokens, since clients send the same one again and again.
 */
public final class DevTokens {

    public static final String ISSUER = "rushgate-local";
    public static final String AUDIENCE = "rushgate";
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_REMEMBERED = 200_000;

    private record Verified(Map<String, String> claims, Instant expiresAt) {}

    private final ECKey key;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;
    private final Clock clock;
    private final Map<String, Verified> remembered = new ConcurrentHashMap<>();

    public DevTokens(Clock clock) {
        this.clock = clock;
        try {
            this.key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the dev token key", e);
        }
    }

    public String issue(String userId, List<String> roles) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(userId)
                .claim("roles", roles).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return jwt.serialize();
    }

    /** The claims as API Gateway hands them to a function (arrays flattened to {@code [a b]}), if valid. */
    public Optional<Map<String, String>> verify(String token) {
        Instant now = clock.instant();
        Verified known = remembered.get(token);
        if (known != null) return known.expiresAt().isAfter(now) ? Optional.of(known.claims()) : Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || !claims.getAudience().contains(AUDIENCE)
                    || claims.getSubject() == null || exp == null || !exp.toInstant().isAfter(now)) {
                return Optional.empty();
            }
            List<String> roles = claims.getStringListClaim("roles");
            Map<String, String> flat = Map.of("sub", claims.getSubject(), "iss", ISSUER,
                    "roles", "[" + String.join(" ", roles == null ? List.of() : roles) + "]",
                    "exp", Long.toString(exp.toInstant().getEpochSecond()));
            if (remembered.size() >= MAX_REMEMBERED) remembered.clear();
            remembered.put(token, new Verified(flat, exp.toInstant()));
            return Optional.of(flat);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
