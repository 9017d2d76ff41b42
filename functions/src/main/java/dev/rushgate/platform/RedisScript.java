package dev.rushgate.platform;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script from a classpath resource, run by its SHA-1 (EVALSHA) and sent whole only when the server
 * does not know it yet, so the hot path sends a few bytes and stays one round trip.
 */
public final class RedisScript {

    private final String source;
    private final String sha;

    private RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    public static RedisScript load(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no script " + resource);
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read script " + resource, e);
        }
    }

    public <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type, String[] keys,
                     String... args) {
        Deadline.check("redis script");
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    /**
     * As {@link #run} for a script that answers one string, without waiting: the answer completes on the
     * client's I/O thread, where whatever depends on it should not block.
     *
     * <p>The arguments go as plain strings, written straight into the command's buffer. Lettuce's
     * {@code evalsha} encodes each through the codec into a buffer of its own first, and a batch of polls
     * sends three arguments per poll.
     */
    public CompletionStage<String> runAsync(RedisClusterAsyncCommands<String, String> redis, String[] keys,
                                            String... args) {
        return redis.dispatch(CommandType.EVALSHA, new ValueOutput<>(StringCodec.UTF8), arguments(sha, keys, args))
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof RedisNoScriptException) {
                        return redis.dispatch(CommandType.EVAL, new ValueOutput<>(StringCodec.UTF8),
                                arguments(source, keys, args));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /** EVAL's and EVALSHA's arguments; the keys as keys, so that a cluster client sends them to their slot. */
    private static CommandArgs<String, String> arguments(String script, String[] keys, String[] args) {
        CommandArgs<String, String> out = new CommandArgs<>(StringCodec.UTF8).add(script).add(keys.length).addKeys(keys);
        for (String arg : args) out.add(arg);
        return out;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
