package dev.rushgate.localstack.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends pre-built requests and reads just the status and the
 * Content-Length body. The JDK's HttpClient costs more per request than the server under test does, which
 * would make the benchmark measure the client; this costs a few microseconds, as wrk does.
 */
final class RawConnection implements Closeable {

    private final URI target;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Bytes read but not yet parsed: {@code buffer[start, end)}. */
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;

    RawConnection(URI target) {
        this.target = target;
    }

    /** Sends one request and returns the response status; reconnects once if the server closed the connection. */
    int exchange(byte[] request) throws IOException {
        if (socket == null) connect();
        try {
            return sendAndRead(request);
        } catch (IOException e) {
            close();
            connect();
            return sendAndRead(request);
        }
    }

    private int sendAndRead(byte[] request) throws IOException {
        out.write(request);
        int headerEnd;
        while ((headerEnd = indexOfBlankLine()) < 0) fill();
        // "HTTP/1.1 200 ..." then headers; only Content-Length and Connection matter here
        if (headerEnd - start < 12) throw new EOFException("short status line");
        int code = (buffer[start + 9] - '0') * 100 + (buffer[start + 10] - '0') * 10 + (buffer[start + 11] - '0');
        String headers = new String(buffer, start, headerEnd - start, StandardCharsets.ISO_8859_1).toLowerCase();
        int length = 0;
        int at = headers.indexOf("\ncontent-length:");
        if (at >= 0) {
            int eol = headers.indexOf('\r', at + 1);
            length = Integer.parseInt(headers.substring(at + 16, eol < 0 ? headers.length() : eol).trim());
        }
        if (headers.contains("\ntransfer-encoding:")) throw new IOException("chunked answers are not expected");
        start = headerEnd + 4;
        while (end - start < length) fill();
        start += length;
        if (headers.contains("\nconnection: close")) close();
        return code;
    }

    /** Index of the CRLFCRLF ending the headers in the unparsed bytes, or -1. */
    private int indexOfBlankLine() {
        for (int i = start; i + 3 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) throw new EOFException("connection closed");
        end += n;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        start = 0;
        end = 0;
    }

    /** A request with no body, ready to send again and again. */
    static byte[] request(String method, URI target, String path, String token) {
        StringBuilder r = new StringBuilder(512).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.getHost()).append(':').append(target.getPort()).append("\r\n");
        if (token != null) r.append("Authorization: Bearer ").append(token).append("\r\n");
        if (!method.equals("GET")) r.append("Content-Length: 0\r\n");
        return r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we are done with
            }
        }
        socket = null;
    }
}
