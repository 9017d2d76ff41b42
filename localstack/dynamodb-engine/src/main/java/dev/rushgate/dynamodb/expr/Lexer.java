package dev.rushgate.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens in one pass; keywords stay identifiers and the parser matches them by context. */
final class Lexer {

    enum Type { IDENT, NAME_REF, VALUE_REF, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, PLUS, MINUS, EQ, NE, LT, LE, GT, GE, EOF }

    /** One token; {@code start} and {@code end} index the expression text, for "near" in syntax errors. */
    record Token(Type type, String text, int start, int end) {
        boolean is(Type t) {
            return type == t;
        }

        boolean isKeyword(String keyword) {
            return type == Type.IDENT && text.equalsIgnoreCase(keyword);
        }
    }

    private Lexer() {}

    static List<Token> tokenize(String text, ExpressionKind kind) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int start = i;
            Type type;
            if (c == '#' || c == ':') {
                i++;
                while (i < n && isWordChar(text.charAt(i))) i++;
                if (i == start + 1) throw syntaxError(text, tokens, start, kind);
                type = c == '#' ? Type.NAME_REF : Type.VALUE_REF;
            } else if (isLetter(c) || c == '_') {
                while (i < n && isWordChar(text.charAt(i))) i++;
                type = Type.IDENT;
            } else if (c >= '0' && c <= '9') {
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
                type = Type.NUMBER;
            } else {
                i++;
                char next = i < n ? text.charAt(i) : 0;
                type = switch (c) {
                    case '(' -> Type.LPAREN;
                    case ')' -> Type.RPAREN;
                    case '[' -> Type.LBRACKET;
                    case ']' -> Type.RBRACKET;
                    case ',' -> Type.COMMA;
                    case '.' -> Type.DOT;
                    case '+' -> Type.PLUS;
                    case '-' -> Type.MINUS;
                    case '=' -> Type.EQ;
                    case '<' -> {
                        if (next == '=') { i++; yield Type.LE; }
                        if (next == '>') { i++; yield Type.NE; }
                        yield Type.LT;
                    }
                    case '>' -> {
                        if (next == '=') { i++; yield Type.GE; }
                        yield Type.GT;
                    }
                    default -> throw syntaxError(text, tokens, start, kind);
                };
            }
            tokens.add(new Token(type, text.substring(start, i), start, i));
        }
        tokens.add(new Token(Type.EOF, "<EOF>", n, n));
        return tokens;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static RuntimeException syntaxError(String text, List<Token> before, int at, ExpressionKind kind) {
        int from = before.isEmpty() ? at : before.getLast().start();
        int to = Math.min(text.length(), text.offsetByCodePoints(at, 1));
        String token = text.substring(at, to);
        return kind.invalid("Syntax error; token: \"" + token + "\", near: \"" + text.substring(from, to) + "\"");
    }
}
