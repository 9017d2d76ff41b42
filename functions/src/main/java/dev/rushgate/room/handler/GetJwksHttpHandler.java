package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.AdmissionTokens;

/**
 * {@code GET /v1/.well-known/jwks.json} (public): the keys that verify admission tokens, so any origin can
 * check one offline. Cacheable for five minutes: a verifier that meets an unknown {@code kid} fetches it again.
 */
public final class GetJwksHttpHandler extends HttpHandler {
    private final AdmissionTokens tokens;

    public GetJwksHttpHandler() {
        this(RoomWiring.tokens());
    }

    public GetJwksHttpHandler(AdmissionTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected Response handle(Request request) {
        return Response.json(200, tokens.publicKeys()).withHeader("cache-control", "public, max-age=300");
    }
}
