package dev.rushgate.localstack;

import dev.rushgate.wiring.FunctionSpec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handler objects of the local stack: one per declared function, made the way Lambda makes them (the
 * no-argument constructor of the declared class), once, after the environment is set. Local-only
 * handlers may instead take the stack's {@link DevTokens} or its {@link Faults}.
 */
final class LocalFunctions {

    private final DevTokens tokens;
    private final Faults faults;
    private final Map<String, Object> handlers = new ConcurrentHashMap<>();

    LocalFunctions(DevTokens tokens, Faults faults) {
        this.tokens = tokens;
        this.faults = faults;
    }

    @SuppressWarnings("unchecked")
    <T> T handler(FunctionSpec function) {
        return (T) handlers.computeIfAbsent(function.id(), id -> create(function));
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
