package dev.rushgate.wiring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path such as {@code /v1/drops/{dropId}/claims}, matched the way API Gateway matches it: literal
 * segments exactly, a {@code {name}} segment against any one non-empty segment. Used by the local gateway
 * to route and by the unknown-route handler to tell 404 from 405, so both agree with the cloud.
 */
public final class RouteTemplate {

    private final String template;
    private final String[] segments;
    /** The parameter's name for each {@code {name}} segment, null for a literal one. */
    private final String[] parameters;

    public RouteTemplate(String template) {
        this.template = template;
        this.segments = segments(template);
        this.parameters = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters[i] = segment.substring(1, segment.length() - 1);
            }
        }
    }

    public String template() {
        return template;
    }

    /** The path parameters when {@code path} matches, keyed by name. */
    public Optional<Map<String, String>> match(String path) {
        return match(segments(path));
    }

    /**
     * As {@link #match(String)}, for a path already cut by {@link #segments}: a gateway trying many routes
     * cuts the path once.
     */
    public Optional<Map<String, String>> match(String[] parts) {
        if (parts.length != segments.length) return Optional.empty();
        for (int i = 0; i < parts.length; i++) {
            if (parameters[i] == null ? !segments[i].equals(parts[i]) : parts[i].isEmpty()) return Optional.empty();
        }
        Map<String, String> params = null;
        for (int i = 0; i < parts.length; i++) {
            if (parameters[i] == null) continue;
            if (params == null) params = new HashMap<>(4);
            params.put(parameters[i], parts[i]);
        }
        return Optional.of(params == null ? Map.of() : params);
    }

    /** A path's segments, without the leading slash or a trailing one. */
    public static String[] segments(String path) {
        List<String> parts = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.length();
        if (end > start && path.endsWith("/")) end--;
        if (end <= start) return new String[0];
        int from = start;
        for (int i = start; i <= end; i++) {
            if (i == end || path.charAt(i) == '/') {
                parts.add(path.substring(from, i));
                from = i + 1;
            }
        }
        return parts.toArray(String[]::new);
    }
}
