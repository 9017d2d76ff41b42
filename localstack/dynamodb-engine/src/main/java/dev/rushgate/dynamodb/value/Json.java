package dev.rushgate.dynamodb.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine's one JSON mapper. Its buffers are recycled through a shared pool rather than Jackson's default
 * thread-local one: the engine serves each request on a new virtual thread, which would find its thread-local pool
 * empty every time and allocate fresh buffers for every request and every stored item.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

    private Json() {}
}
