package dev.rushgate.localstack.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Pre-built HTTP/1.1 requests, ready to send again and again. */
final class RawRequests {
    private RawRequests() {}

    /** A request with no body. */
    static byte[] request(String method, URI target, String path, String token) {
        StringBuilder r = new StringBuilder(512).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.getHost()).append(':').append(target.getPort()).append("\r\n");
        if (token != null) r.append("Authorization: Bearer ").append(token).append("\r\n");
        if (!method.equals("GET")) r.append("Content-Length: 0\r\n");
        return r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A POST with a JSON body. */
    static byte[] postJson(URI target, String path, String token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }
}
