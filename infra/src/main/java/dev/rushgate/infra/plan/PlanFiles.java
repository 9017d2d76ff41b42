package dev.rushgate.infra.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The planner's data files, shipped on the classpath under {@code plan/}. */
final class PlanFiles {
    private PlanFiles() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode read(String name) {
        try (InputStream in = PlanFiles.class.getResourceAsStream("/plan/" + name)) {
            if (in == null) throw new IllegalStateException("plan/" + name + " is not on the classpath");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
