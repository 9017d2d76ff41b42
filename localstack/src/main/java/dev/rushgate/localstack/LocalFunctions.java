package dev.rushgate.localstack;

import dev.rushgate.wiring.FunctionSpec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The handler objects of the local stack: one per declared function, made the way Lambda makes them (the
 * no-argument constructor of the declared class), once, after the environment is set. Local-only
 * handlers may instead take the stack's {@link DevTokens} or its {@link Faults}. One handler object is one
 * environment, serving every concurrent invocation; {@link #recycle} replaces it, as Lambda replaces an environment.
 */
final class LocalFunctions {

    private final DevTokens tokens;
    private final Faults faults;
    private final Map<String, Object> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Object>> environments = new ConcurrentHashMap<>();
    private final Map<String, FunctionSpec> specs = new ConcurrentHashMap<>();
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
        return (T) handlers.computeIfAbsent(function.id(), id -> counted(function));
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> counted(FunctionSpec function) {
        LongAdder count = invocations.computeIfAbsent(function.id(), id -> new LongAdder());
        AtomicReference<Object> environment = new AtomicReference<>(create(function));
        specs.put(function.id(), function);
        environments.put(function.id(), environment);
        return (input, context) -> {
            count.increment();
            return ((RequestHandler<Object, Object>) environment.get()).handleRequest(input, context);
        };
    }

    /**
     * Replaces the function's environment with a new one, made as the first was, so that it reads its configuration
     * again; invocations already running finish in the old one.
     */
    void recycle(String functionId) {
        AtomicReference<Object> environment = environments.get(functionId);
        if (environment == null) throw new IllegalArgumentException("no started function " + functionId);
        environment.set(create(specs.get(functionId)));
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
