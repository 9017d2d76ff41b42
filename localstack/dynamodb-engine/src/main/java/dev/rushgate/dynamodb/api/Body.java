package dev.rushgate.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** A response body, written straight to the HTTP response as JSON. */
@FunctionalInterface
interface Body {
    Body EMPTY = g -> {
        g.writeStartObject();
        g.writeEndObject();
    };

    void write(JsonGenerator g) throws IOException;
}
