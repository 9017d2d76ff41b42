package dev.rushgate.localstack;

import dev.rushgate.wiring.FunctionSpec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The handler objects of the local stack: one per declared function, made the way Lambda makes them (the
 * no-argument constructor of the declared class), once, after the environment is set. Local-only
 * handlers may instead take the stack's {@link DevTokens} or its {@link Faults}.
 */
final class LocalFunctions {

    private final DevTokens tokens;
    private final Faults faults;
    private final Map<String, Object> handlers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> invocations = new ConcurrentHashMap<>();

    LocalFunctions(DevTokens tokens, Faults faults) {
        this.tokens = tokens;
        this.faults = faults;
    }

    /**
     * The function's handler, counting each invocation as Lambda bills it (every caller of a local handler, the
     * gateway, a poller or a timer, goes through {@code handleRequest}).
     */
    @SuppressWarnings("unchecked")
    <T> T handler(FunctionSpec function) {
        return (T) handlers.computeIfAbsent(function.id(), id -> counted(id, (RequestHandler<Object, Object>) create(function)));
    }

    private RequestHandler<Object, Object> counted(String functionId, RequestHandler<Object, Object> handler) {
        LongAdder count = invocations.computeIfAbsent(functionId, id -> new LongAdder());
        return (input, context) -> {
            count.increment();
            return handler.handleRequest(input, context);
        };
    }

    /** Invocations so far, by function id: what the planner's model counts as {@code lambda}. */
    Map<String, Long> invocations() {
        Map<String, Long> now = new java.util.TreeMap<>();
        invocations.forEach((id, count) -> now.put(id, count.sum()));
        return now;
    }

    private Object create(FunctionSpec function) {
        try {
            Class<?> type = Class.forName(function.handlerClass());
            for (Constructor<?> constructor : type.getConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == DevTokens.class) {
                    return constructor.newInstance(tokens);
                }
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Faults.class) {
                    return constructor.newInstance(faults);
                }
            }
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("handler of " + function.id() + " failed to start", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make handler " + function.handlerClass(), e);
        }
    }
}
