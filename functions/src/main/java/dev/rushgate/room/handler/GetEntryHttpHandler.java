package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.ViewEntry;

/** {@code GET /v1/rooms/{roomId}/entries/{entryId}}: the owner's poll, with {@code Retry-After} while waiting. */
public final class GetEntryHttpHandler extends HttpHandler {
    private final ViewEntry viewEntry;

    public GetEntryHttpHandler() {
        this(RoomWiring.viewEntry());
    }

    public GetEntryHttpHandler(ViewEntry viewEntry) {
        this.viewEntry = viewEntry;
    }

    @Override
    protected Response handle(Request request) {
        String userId = request.userId();
        return EntryAnswer.of(200, viewEntry.view(request.adminId("roomId"), request.serverId("entryId"), userId));
    }
}
