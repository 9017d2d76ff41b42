package dev.rushgate.room.adapter;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rushgate.room.domain.Admission;
import dev.rushgate.room.domain.AdmissionTokens;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Admission tokens as ES256 JWTs: {@code sub} the user, {@code room} the room, {@code exp} when the
 * admission ends, {@code jti} the entry (what revocation names), {@code kid} the key that signed it.
 */
public final class Es256AdmissionTokens implements AdmissionTokens {

    public static final String ISSUER = "rushgate-waiting-room";
    /** Longer tokens than this are not ours; refusing them early keeps parsing cheap. */
    private static final int MAX_TOKEN_CHARS = 4096;

    private final SigningKeys keys;
    private final Clock clock;

    public Es256AdmissionTokens(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public String issue(Admission admission) {
        ECKey key = keys.signing(clock.instant());
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(admission.userId())
                .claim("room", admission.roomId()).jwtID(admission.jti())
                .expirationTime(Date.from(admission.expiresAt())).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an admission token", e);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<Admission> verify(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) return Optional.empty();
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
        String kid = jwt.getHeader().getKeyID();
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || kid == null) return Optional.empty();
        // Outside the try: keys that cannot be had are a fault of ours (a 500), not a bad token.
        ECKey key = keys.verifier(kid, now).orElse(null);
        if (key == null) return Optional.empty();
        try {
            if (!jwt.verify(new ECDSAVerifier(key))) return Optional.empty();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            String room = claims.getStringClaim("room");
            if (!ISSUER.equals(claims.getIssuer()) || exp == null || !exp.toInstant().isAfter(now) || room == null
                    || claims.getSubject() == null || claims.getJWTID() == null) {
                return Optional.empty();
            }
            return Optional.of(new Admission(room, claims.getSubject(), claims.getJWTID(), exp.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, Object> publicKeys() {
        return new JWKSet(keys.verifying(clock.instant()).stream().map(k -> (com.nimbusds.jose.jwk.JWK) k).toList())
                .toJSONObject(true);
    }
}
