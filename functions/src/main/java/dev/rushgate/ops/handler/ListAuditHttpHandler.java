package dev.rushgate.ops.handler;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.AuditLog;
import dev.rushgate.ops.domain.ListAudit;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.HashMap;
import java.util.Map;

/** {@code GET /v1/admin/audit?cursor=&limit=}: the operator controls, newest first. */
public final class ListAuditHttpHandler extends HttpHandler {
    private final ListAudit listAudit;

    public ListAuditHttpHandler() {
        this(OpsWiring.listAudit());
    }

    public ListAuditHttpHandler(ListAudit listAudit) {
        this.listAudit = listAudit;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        AuditLog.AuditPage page = listAudit.list(request.cursor().orElse(null), request.limit());
        Map<String, Object> body = new HashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        return Response.json(200, body);
    }
}
