package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.expr.Lexer.Type;
import dev.rushgate.dynamodb.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed ProjectionExpression, held as a tree of the requested paths so one walk of the item answers all of
 * them. A node is a leaf (take the whole value), or has map keys, or list indexes, never both: the parser refuses
 * paths that would need that.
 */
final class ProjectionExpression implements Projection {
    private final Node root;
    private final List<Path> paths;

    private ProjectionExpression(List<Path> paths) {
        this.paths = List.copyOf(paths);
        this.root = new Node();
        for (Path path : paths) {
            Node node = root;
            for (Path.Element element : path.elements()) {
                node = switch (element) {
                    case Path.Key key -> node.keys.computeIfAbsent(key.name(), k -> new Node());
                    case Path.Index index -> node.indexes.computeIfAbsent(index.index(), k -> new Node());
                };
            }
            node.leaf = true;
        }
    }

    static ProjectionExpression parse(Parser parser) {
        var paths = new ArrayList<Path>();
        do {
            paths.add(parser.path());
        } while (parser.accept(Type.COMMA));
        parser.expect(Type.EOF);
        Paths.checkDisjoint(paths, parser.kind());
        return new ProjectionExpression(paths);
    }

    /** The requested paths, in the order written. */
    List<Path> paths() {
        return paths;
    }

    @Override
    public Map<String, Value> apply(Map<String, Value> item) {
        var result = new LinkedHashMap<String, Value>();
        for (var entry : root.keys.entrySet()) {
            Value value = item.get(entry.getKey());
            if (value == null) continue;
            Value projected = project(value, entry.getValue());
            if (projected != null) result.put(entry.getKey(), projected);
        }
        return result;
    }

    private static Value project(Value value, Node node) {
        if (node.leaf) return value;
        if (!node.keys.isEmpty() && value instanceof Value.M map) {
            var result = new LinkedHashMap<String, Value>();
            for (var entry : node.keys.entrySet()) {
                Value child = map.value().get(entry.getKey());
                Value projected = child == null ? null : project(child, entry.getValue());
                if (projected != null) result.put(entry.getKey(), projected);
            }
            return result.isEmpty() ? null : new Value.M(result);
        }
        if (!node.indexes.isEmpty() && value instanceof Value.L list) {
            var result = new ArrayList<Value>();
            for (var entry : node.indexes.entrySet()) {
                if (entry.getKey() >= list.value().size()) break;
                Value projected = project(list.value().get(entry.getKey()), entry.getValue());
                if (projected != null) result.add(projected);
            }
            return result.isEmpty() ? null : new Value.L(result);
        }
        return null;
    }

    private static final class Node {
        boolean leaf;
        final Map<String, Node> keys = new LinkedHashMap<>();
        final TreeMap<Integer, Node> indexes = new TreeMap<>();
    }
}
