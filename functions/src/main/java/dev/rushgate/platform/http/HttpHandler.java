package dev.rushgate.platform.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.rushgate.platform.errors.DomainException;
import dev.rushgate.platform.errors.TooMany;
import dev.rushgate.platform.errors.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * The shape every HTTP handler shares: decode, call the use case, encode. Domain failures become their
 * problem+json 4xx; anything else a generic 500 logged once with its correlation id, never shown.
 */
public abstract class HttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return respond(new Request(event)).toEvent();
    }

    /** Answers one request; never throws. */
    public final Response respond(Request request) {
        try {
            return handle(request);
        } catch (TooMany e) {
            return Response.problem(Problems.of(e)).withHeader("retry-after", seconds(e.retryAfter()));
        } catch (Unavailable e) {
            Response problem = Response.problem(Problems.of(e));
            return e.retryAfter().map(after -> problem.withHeader("retry-after", seconds(after))).orElse(problem);
        } catch (DomainException e) {
            return Response.problem(Problems.of(e));
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                // A dependency (Redis, SQS, DynamoDB, PostgreSQL) did not answer: a moment's outage, not a fault of
                // ours or the caller's. 503 says so, and when to try again; the caller's Idempotency-Key makes a
                // retry safe wherever a request may have been decided before the answer was lost.
                LOG.warn("a dependency did not answer", entry("route", request.method() + " " + request.path()), e);
                return Response.problem(Problems.of(new Unavailable("dependency-unavailable", "A service this request "
                        + "needs did not answer; try again shortly."))).withHeader("retry-after", "1");
            }
            String correlationId = request.requestId();
            LOG.error("request failed", entry("correlationId", correlationId),
                    entry("route", request.method() + " " + request.path()), e);
            return Response.problem(Problems.internal(correlationId));
        }
    }

    protected abstract Response handle(Request request);

    /**
     * Whether {@code e} comes from a connection that failed or timed out (a socket closed, refused or reset; Lettuce's
     * connection and command time-outs), as opposed to a fault in the code or the data.
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof io.lettuce.core.RedisConnectionException
                    || t instanceof io.lettuce.core.RedisCommandTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Retry-After in whole seconds, at least 1. */
    private static String seconds(java.time.Duration after) {
        return Long.toString(Math.max(1, (after.toMillis() + 999) / 1000));
    }
}
