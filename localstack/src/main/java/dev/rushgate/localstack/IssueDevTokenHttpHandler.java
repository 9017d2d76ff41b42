package dev.rushgate.localstack;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/dev/tokens {"userId","roles"}} → {@code {"token"}}: the local stack's stand-in for
 * signing in. Declared LOCAL_ONLY, so the cloud never has it.
 */
public final class IssueDevTokenHttpHandler extends HttpHandler {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9@._:-]{1,128}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    record TokenRequest(String userId, List<String> roles) {}

    private final DevTokens tokens;

    public IssueDevTokenHttpHandler(DevTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected Response handle(Request request) {
        TokenRequest body = request.body(TokenRequest.class);
        if (body.userId() == null || !USER_ID.matcher(body.userId()).matches()) {
            throw new BadInput("invalid-field", "userId must be 1 to 128 of letters, digits and @ . _ : -");
        }
        List<String> roles = body.roles() == null ? List.of() : body.roles();
        if (roles.size() > 16 || !roles.stream().allMatch(r -> r != null && ROLE.matcher(r).matches())) {
            throw new BadInput("invalid-field", "roles must be up to 16 lower-case words");
        }
        return Response.json(201, Map.of("token", tokens.issue(body.userId(), roles)));
    }
}
