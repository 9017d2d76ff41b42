package dev.rushgate.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.assertions.TemplateParsingOptions;

/**
 * A stack and its nested stacks read as one template, as CloudFormation resolves them: each nested template's
 * parameters replaced by what the parent passes, each {@code Outputs.X} the parent reads replaced by the nested
 * output's value, each nested resource waiting for what its stack waits for (DependsOn), and all resources under
 * their own logical ids (CDK keeps them distinct across templates, but for a stack-wide singleton, renamed here).
 * Stack tests then follow a Ref from a function in a feature's stack to the table or cluster in the base.
 */
final class MergedTemplate {
    private MergedTemplate() {}

    /** The nested stacks' own templates, by the logical id of the parent's {@code AWS::CloudFormation::Stack}. */
    static Map<String, Map<String, Object>> nested(Stack stack) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (var child : stack.getNode().findAll()) {
            if (child instanceof NestedStack nested && nested.getNestedStackParent() == stack) {
                String id = stack.getLogicalId((CfnElement) nested.getNestedStackResource());
                out.put(id, Template.fromStack(nested).toJSON());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Template of(Stack stack) {
        Map<String, Object> parent = Template.fromStack(stack).toJSON();
        Map<String, Object> resources = new LinkedHashMap<>((Map<String, Object>) parent.get("Resources"));
        Map<String, Object> outputs = new LinkedHashMap<>();
        nested(stack).forEach((logicalId, template) -> {
            Map<String, Object> stackResource = (Map<String, Object>) resources.get(logicalId);
            Map<String, Object> parameters = (Map<String, Object>) ((Map<String, Object>) stackResource
                    .getOrDefault("Properties", Map.of())).getOrDefault("Parameters", Map.of());
            // A stack-wide singleton (CDK's trigger provider) has one logical id in every stack that uses it: the
            // nested copy is renamed after its stack, with every reference to it in its own template.
            Map<String, String> renamed = new LinkedHashMap<>();
            ((Map<String, Object>) template.getOrDefault("Resources", Map.of())).keySet().stream()
                    .filter(resources::containsKey).forEach(id -> renamed.put(id, logicalId + id));
            Map<String, Object> resolved = (Map<String, Object>) rename(substitute(template, parameters), renamed);
            // What the nested stack waits for, each of its resources waits for: its DependsOn carries it here.
            List<String> stackWaitsFor = dependsOn(stackResource);
            ((Map<String, Object>) resolved.getOrDefault("Resources", Map.of())).forEach((id, r) -> {
                Map<String, Object> resource = new LinkedHashMap<>((Map<String, Object>) r);
                List<String> waits = new ArrayList<>(dependsOn(resource));
                stackWaitsFor.stream().filter(d -> !waits.contains(d)).forEach(waits::add);
                if (!waits.isEmpty()) resource.put("DependsOn", waits);
                if (resources.putIfAbsent(id, resource) != null) {
                    throw new AssertionError("logical id " + id + " is in two templates");
                }
            });
            ((Map<String, Object>) resolved.getOrDefault("Outputs", Map.of()))
                    .forEach((name, o) -> outputs.put(logicalId + ".Outputs." + name, ((Map<String, Object>) o).get("Value")));
        });
        Map<String, Object> merged = new LinkedHashMap<>(parent);
        merged.put("Resources", readOutputs(resources, outputs));
        return Template.fromJSON(merged, TemplateParsingOptions.builder().skipCyclicalDependenciesCheck(true).build());
    }

    private static List<String> dependsOn(Map<String, Object> resource) {
        Object d = resource.get("DependsOn");
        if (d instanceof String one) return List.of(one);
        if (d instanceof List<?> many) return many.stream().map(String::valueOf).toList();
        return List.of();
    }

    /** {@code value} with the logical ids in {@code renamed} renamed: as keys, in Ref, GetAtt and DependsOn. */
    private static Object rename(Object value, Map<String, String> renamed) {
        if (renamed.isEmpty()) return value;
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = renamed.getOrDefault((String) k, (String) k);
                if (k.equals("Ref") && v instanceof String id) out.put(key, renamed.getOrDefault(id, id));
                else if (k.equals("DependsOn") && v instanceof String id) out.put(key, renamed.getOrDefault(id, id));
                else if ((k.equals("Fn::GetAtt") || k.equals("DependsOn")) && v instanceof List<?> list && !list.isEmpty()) {
                    List<Object> l = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        Object item = list.get(i);
                        boolean id = k.equals("DependsOn") || i == 0;
                        l.add(id && item instanceof String s ? renamed.getOrDefault(s, s) : rename(item, renamed));
                    }
                    out.put(key, l);
                } else {
                    out.put(key, rename(v, renamed));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(rename(v, renamed)));
            return out;
        }
        return value;
    }

    /** {@code value} with every {@code {"Ref": p}} of a parameter the parent passes replaced by what it passes. */
    private static Object substitute(Object value, Map<String, Object> parameters) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref && parameters.containsKey(ref)) {
                return parameters.get(ref);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, substitute(v, parameters)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(substitute(v, parameters)));
            return out;
        }
        return value;
    }

    /** {@code value} with every {@code {"Fn::GetAtt": [nestedStack, "Outputs.X"]}} replaced by that output's value. */
    @SuppressWarnings("unchecked")
    private static <T> T readOutputs(T value, Map<String, Object> outputs) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> att && att.size() == 2
                    && outputs.containsKey(att.get(0) + "." + att.get(1))) {
                return (T) readOutputs(outputs.get(att.get(0) + "." + att.get(1)), outputs);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, readOutputs(v, outputs)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(readOutputs(v, outputs)));
            return (T) out;
        }
        return value;
    }
}
