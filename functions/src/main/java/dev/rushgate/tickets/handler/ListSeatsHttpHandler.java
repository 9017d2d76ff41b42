package dev.rushgate.tickets.handler;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.ListSeats;
import dev.rushgate.tickets.domain.Page;
import dev.rushgate.tickets.domain.SeatView;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /v1/shows/{showId}/seats?section=&cursor=&limit=}: a page of seats in map order. */
public final class ListSeatsHttpHandler extends HttpHandler {
    private static final Pattern SECTION = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,9}");

    private final ListSeats listSeats;

    public ListSeatsHttpHandler() {
        this(TicketsWiring.listSeats());
    }

    public ListSeatsHttpHandler(ListSeats listSeats) {
        this.listSeats = listSeats;
    }

    @Override
    protected Response handle(Request request) {
        request.caller();
        String showId = request.adminId("showId");
        String section = request.query("section").filter(s -> !s.isEmpty()).orElse(null);
        if (section != null && !SECTION.matcher(section).matches()) {
            throw new BadInput("invalid-parameter", "section must be 1 to 16 letters or digits");
        }
        String cursor = request.cursor().orElse(null);
        if (cursor != null && !CURSOR.matcher(cursor).matches()) {
            throw new BadInput("invalid-cursor", "cursor is not one we issued");
        }
        Page<SeatView> page = listSeats.list(showId, section, cursor, request.limit());
        Map<String, Object> body = new HashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        return Response.json(200, body);
    }
}
