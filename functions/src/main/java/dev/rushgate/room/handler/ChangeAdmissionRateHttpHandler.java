package dev.rushgate.room.handler;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.ChangeAdmissionRate;
import dev.rushgate.room.domain.RateAsk;

/** {@code POST /v1/admin/rooms/{roomId}/rate {"admitPerSecond"}}: a new admission rate at once; answers the audit entry. */
public final class ChangeAdmissionRateHttpHandler extends HttpHandler {

    record NewRate(Integer admitPerSecond) {}

    private final ChangeAdmissionRate changeRate;

    public ChangeAdmissionRateHttpHandler() {
        this(RoomWiring.changeAdmissionRate());
    }

    public ChangeAdmissionRateHttpHandler(ChangeAdmissionRate changeRate) {
        this.changeRate = changeRate;
    }

    @Override
    protected Response handle(Request request) {
        String who = request.admin().userId();
        String roomId = request.adminId("roomId");
        Integer rate = request.body(NewRate.class).admitPerSecond();
        if (rate == null) throw new BadInput("invalid-field", "admitPerSecond is required");
        return Response.json(200, changeRate.change(who, roomId, new RateAsk.SetTo(rate)));
    }
}
