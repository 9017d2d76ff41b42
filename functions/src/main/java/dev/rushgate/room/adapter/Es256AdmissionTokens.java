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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admission tokens as ES256 JWTs: {@code sub} the user, {@code room} the room, {@code exp} when the
 * admission ends, {@code jti} the entry (what revocation names), {@code kid} the key that signed it.
 * An admission's token is signed once per signing key and kept while it is in force: its owner may poll
 * many times while admitted, and signing was the costliest step of a poll.
 */
public final class Es256AdmissionTokens implements AdmissionTokens {

    public static final String ISSUER = "rushgate-waiting-room";
    /** Longer tokens than this are not ours; refusing them early keeps parsing cheap. */
    private static final int MAX_TOKEN_CHARS = 4096;
    /** Bounds the memory of signed tokens: admissions in force at once in the rooms one process serves. */
    private static final int MAX_KEPT = 20_000;

    private final SigningKeys keys;
    private final Clock clock;
    private final Map<Signed, String> signed = new ConcurrentHashMap<>();

    /** An admission's token is fixed by its claims and the key that signs it. */
    private record Signed(Admission admission, String kid) {}

    public Es256AdmissionTokens(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public String issue(Admission admission) {
        Instant now = clock.instant();
        ECKey key = keys.signing(now);
        Signed id = new Signed(admission, key.getKeyID());
        String token = signed.get(id);
        if (token != null) return token;
        token = sign(admission, key);
        if (signed.size() >= MAX_KEPT) {
            signed.keySet().removeIf(s -> !s.admission().expiresAt().isAfter(now));
            // still full: forgetting costs a signature each, never a wrong answer
            if (signed.size() >= MAX_KEPT) signed.clear();
        }
        signed.put(id, token);
        return token;
    }

    private static String sign(Admission admission, ECKey key) {
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
