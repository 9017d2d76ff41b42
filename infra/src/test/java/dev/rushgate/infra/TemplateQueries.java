package dev.rushgate.infra;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awscdk.assertions.Template;

/** Reads a synthesized template the way CloudFormation will: by logical ids, Refs and GetAtts. */
final class TemplateQueries {

    /**
     * Each template's Resources section, read once: {@code Template.findResources} is a call into the CDK's Node.js
     * process that copies every matching resource back, and the stack tests ask for the functions, policies and
     * alarms dozens of times per template (minutes of a test run on two cores). Templates are cached by
     * {@link SynthesizedStacks}, so the same instance comes back to many test classes.
     */
    private static final Map<Template, Map<String, Object>> RESOURCES = Collections.synchronizedMap(new IdentityHashMap<>());

    private final Map<String, Object> resources;

    @SuppressWarnings("unchecked")
    TemplateQueries(Template template) {
        this.resources = RESOURCES.computeIfAbsent(template, t ->
                (Map<String, Object>) t.toJSON().getOrDefault("Resources", Map.of()));
    }

    /** The resources of {@code type} by logical id, as {@code Template.findResources(type)} returns them. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources.forEach((logicalId, resource) -> {
            if (resource instanceof Map<?, ?> r && type.equals(r.get("Type"))) {
                out.put(logicalId, (Map<String, Object>) r);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** logical id → value of tag {@code key}, for the resources of {@code type} that carry it. */
    Map<String, String> tagged(String type, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        resources(type).forEach((logicalId, resource) -> {
            Object tags = properties(resource).get("Tags");
            if (tags instanceof List<?> list) {
                for (Object tag : list) {
                    if (tag instanceof Map<?, ?> t && key.equals(t.get("Key"))) out.put(logicalId, (String) t.get("Value"));
                }
            }
        });
        return out;
    }

    String functionLogicalId(String functionId) {
        return tagged("AWS::Lambda::Function", ResourceTags.FUNCTION).entrySet().stream()
                .filter(e -> e.getValue().equals(functionId)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no Lambda function tagged " + functionId));
    }

    Map<String, Object> function(String functionId) {
        return properties(resources("AWS::Lambda::Function").get(functionLogicalId(functionId)));
    }

    /** The logical id of the alias {@code live} of a function, or an AssertionError. */
    String liveAliasLogicalId(String functionId) {
        String fn = functionLogicalId(functionId);
        return resources("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> refs(properties(e.getValue()).get("FunctionName")).contains(fn))
                .filter(e -> "live".equals(properties(e.getValue()).get("Name")))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(functionId + " has no alias live"));
    }

    /** Every statement of every policy attached to the function's execution role. */
    List<Map<String, Object>> statementsOf(String functionId) {
        Set<String> role = refs(function(functionId).get("Role"));
        return resources("AWS::IAM::Policy").values().stream()
                .filter(p -> refs(properties(p).get("Roles")).stream().anyMatch(role::contains))
                .flatMap(p -> statements(properties(p).get("PolicyDocument")).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Object document) {
        Object statement = ((Map<String, Object>) document).get("Statement");
        return (List<Map<String, Object>>) statement;
    }

    static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of((String) action);
    }

    /** Logical ids a value points at through Ref or Fn::GetAtt, however deeply nested (Fn::Join, lists). */
    static Set<String> refs(Object value) {
        Set<String> out = new HashSet<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("Ref".equals(k) && v instanceof String s) out.add(s);
                else if ("Fn::GetAtt".equals(k) && v instanceof List<?> l && !l.isEmpty()) out.add(l.get(0).toString());
                else collect(v, out);
            });
        } else if (value instanceof Collection<?> list) {
            list.forEach(v -> collect(v, out));
        }
    }
}
