package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test class its {@link ConformanceTables}. The target (and the embedded engine behind it) lives in
 * the root store, so it starts once for the whole run and closes when the run ends; each class's tables live
 * in that class's store, so they are deleted when the class finishes, whether its tests passed or not.
 */
public final class ConformanceExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConformanceTables.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConformanceTarget target = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ConformanceTarget.class, key -> ConformanceTarget.fromEnvironment(), ConformanceTarget.class);
        return classContext(context).getStore(NAMESPACE)
                .getOrComputeIfAbsent(ConformanceTables.class, key -> new ConformanceTables(target), ConformanceTables.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
