package dev.rushgate.stats.handler;

import dev.rushgate.platform.http.Caller;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.stats.StatsWiring;
import dev.rushgate.stats.domain.EventStatistics;
import dev.rushgate.stats.domain.ReadStatistics;

import java.util.Map;

/**
 * {@code GET /v1/stats/{kind}/{id}}: an event's rolled-up statistics, for admins and the event's owner; CSV when the
 * caller accepts {@code text/csv}.
 */
public final class GetStatisticsHttpHandler extends HttpHandler {
    private final ReadStatistics statistics;

    public GetStatisticsHttpHandler() {
        this(StatsWiring.readStatistics());
    }

    public GetStatisticsHttpHandler(ReadStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    protected Response handle(Request request) {
        Caller caller = request.caller();
        String kind = request.pathParameter("kind");
        String id = request.adminId("id");
        EventStatistics stats = statistics.read(kind, id, caller.userId(), caller.isAdmin());
        if (request.header("accept").filter(a -> a.toLowerCase(java.util.Locale.ROOT).contains("text/csv")).isPresent()) {
            return new Response(200, Map.of("content-type", StatisticsCsv.MEDIA_TYPE, "content-disposition",
                    "attachment; filename=\"" + kind + "-" + id + "-statistics.csv\""), StatisticsCsv.write(stats));
        }
        return Response.json(200, stats);
    }
}
