package jp.akashi.collector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.probes.util.Json;

/**
 * An HTTP/1.1 client for bodies the server refuses before reading them (413 on Content-Length):
 * the body is written on its own thread while the answer is read, so the server's early answer
 * is heard even when it closes the connection mid-body. (java.net.http then reports a broken pipe
 * instead of the answer, and its {@code expectContinue} hangs on a final answer in Java 17.)
 */
public final class EarlyAnswerClient {

    private EarlyAnswerClient() {
    }

    public static TestCollector.Response send(URI uri, String method, String bearer, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + uri.getRawPath() + " HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            if (bearer != null) {
                head.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < body.length; i += 64 * 1024) {
                        out.write(body, i, Math.min(64 * 1024, body.length - i));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before the whole body: expected for a refusal
                }
            }, "early-answer-body");
            writer.setDaemon(true);
            writer.start();
            byte[] raw = readAll(s.getInputStream());
            writer.join(5_000);
            return parse(raw);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                b.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer was sent: keep what arrived
            if (b.size() == 0) {
                throw e;
            }
        }
        return b.toByteArray();
    }

    static TestCollector.Response parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer (" + raw.length + " bytes)");
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (String l : lines) {
            if (l.toLowerCase(java.util.Locale.ROOT).matches("transfer-encoding:\\s*chunked")) {
                chunked = true;
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        String body = new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8);
        JsonNode json = null;
        try {
            json = body.isEmpty() ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            // not JSON
        }
        return new TestCollector.Response(status, json, body, null);
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int lineEnd = i;
            while (lineEnd + 1 < in.length && !(in[lineEnd] == '\r' && in[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(in, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(in, lineEnd + 2, Math.min(n, in.length - lineEnd - 2));
            i = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }
}
