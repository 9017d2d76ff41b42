package dev.rushgate.localstack.e2e;

import dev.rushgate.localstack.LocalStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;
import dev.rushgate.wiring.Rushgate;

/**
 * One local stack for every end-to-end test class in the JVM, started on first use and stopped when the
 * test run ends. Visibility timeouts are cut to 3 s so that a message a killed consumer held comes back
 * quickly; everything else is as {@code ./rushgate local} runs it.
 */
public final class SharedStack implements BeforeAllCallback {

    public static final int VISIBILITY_SECONDS = 3;
    private static volatile LocalStack stack;
    private static volatile Api api;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedStack.class) {
            if (stack == null) {
                stack = LocalStack.start(new LocalStack.Options(0, Optional.empty(), Optional.of(VISIBILITY_SECONDS),
                        Optional.of(Rushgate.guardRails())));
                api = new Api(stack.url());
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(SharedStack.class.getName(), (ExtensionContext.Store.CloseableResource) () -> {
                            stack.close();
                            stack = null;
                        });
            }
        }
    }

    public static LocalStack stack() {
        return stack;
    }

    public static Api api() {
        return api;
    }
}
