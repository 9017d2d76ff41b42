package dev.rushgate.votes.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.FiredAlert;
import dev.rushgate.votes.domain.ListPollAlerts;
import dev.rushgate.votes.domain.Page;

import java.time.Instant;

/** {@code GET /v1/admin/polls/{pollId}/alerts?cursor=&limit=}: the alerts that fired, oldest first, each once. */
public final class ListPollAlertsHttpHandler extends HttpHandler {
    private final ListPollAlerts listPollAlerts;

    public ListPollAlertsHttpHandler() {
        this(VotesWiring.listPollAlerts());
    }

    public ListPollAlertsHttpHandler(ListPollAlerts listPollAlerts) {
        this.listPollAlerts = listPollAlerts;
    }

    /** One alert as the contract shows it; {@code votes} (the count that reached the threshold) is an extension. */
    record AlertItem(String optionId, long threshold, long votes, Instant firedAt) {
        static AlertItem of(FiredAlert alert) {
            return new AlertItem(alert.optionId(), alert.threshold(), alert.votes(), alert.firedAt());
        }
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        Page<FiredAlert> page = listPollAlerts.page(request.adminId("pollId"), request.cursor().orElse(null),
                request.limit());
        return Response.json(200, new Page<>(page.items().stream().map(AlertItem::of).toList(), page.nextCursor()));
    }
}
