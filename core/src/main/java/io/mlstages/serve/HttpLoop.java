package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's HTTP/1.1 connection layer: one selector thread accepts connections and reads, parses and buffers
 * each request (head and body) without blocking, hands complete requests to the worker pool, and writes the
 * responses back without blocking. A worker thread therefore never waits on a client: a client that sends half a
 * request, or reads its response slowly, costs a buffer and a socket, not a thread. The JDK's
 * {@code com.sun.net.httpserver} reads each request on a pool thread, so four such clients stalled a server of
 * four threads (issue 11, item 5); see {@code docs/serving.md}.
 *
 * <p>What is supported is what the endpoints need: GET, HEAD and POST with a {@code Content-Length} or chunked
 * body, {@code Expect: 100-continue}, keep-alive and pipelining (one request at a time per connection). Every
 * refusal of the protocol layer goes through {@link Handler#refuse}, so it is answered and counted like any
 * other error.</p>
 */
final class HttpLoop implements AutoCloseable {
    /** Request line and headers together; larger heads get 431. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 100;
    /** The most bytes of a refused body read (and dropped) before the connection is closed. */
    private static final int DRAIN_BYTES = 1024 * 1024;
    private static final long DRAIN_NANOS = 2_000_000_000L;
    private static final long SWEEP_MILLIS = 250;

    /** A complete request; header names are lower case, repeated headers joined with ", ". */
    record Request(String method, String target, String rawPath, Map<String, String> headers, byte[] body) {
        String header(final String name) {
            return headers.get(name);
        }
    }

    /** A response; {@code headers} are extra headers (Content-Type and Content-Length are added). */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        Response(final int status, final String contentType, final byte[] body) {
            this(status, contentType, body, Map.of());
        }
    }

    /** What the server answers. */
    interface Handler {
        /** Runs on a worker thread; must not throw. */
        Response handle(Request request, long dispatchedNanos);

        /**
         * A refusal by the protocol layer (a malformed or oversized request, a timeout, a full server); runs on the
         * selector thread, so it must be quick. {@code rawPath} is null when the request line was not understood.
         */
        Response refuse(@CheckForNull String rawPath, int status, String reason);
    }

    /** Timeouts and limits, all from {@link ServeOptions} or system properties (see docs/serving.md). */
    record Limits(int maxBodyBytes, int maxConnections, long headerNanos, long requestNanos, long idleNanos,
            long writeNanos, long maxBufferedBytes) {
    }

    private enum State { HEAD, BODY, CHUNKED, DISPATCHED, WRITING, DRAINING }

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final ExecutorService workers;
    private final Handler handler;
    private final Limits limits;
    private final Set<Conn> connections = new HashSet<>();
    /**
     * Bytes of requests held in memory: connection buffers, bodies being received, bodies waiting for or in a
     * worker. Bounded by {@link Limits#maxBufferedBytes}, so that many clients sending large bodies slowly cannot
     * exhaust the heap.
     */
    private final AtomicLong buffered = new AtomicLong();
    private final ConcurrentLinkedQueue<Conn> answered = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long acceptPausedUntil;
    private long lastSweep;

    HttpLoop(final InetSocketAddress address, final int backlog, final ExecutorService workers,
            final Handler handler, final Limits limits) throws IOException {
        this.workers = workers;
        this.handler = handler;
        this.limits = limits;
        this.selector = Selector.open();
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            selector.close();
            throw e;
        }
        this.listener = channel;
        this.thread = new Thread(this::run, "mlstages-serve-io");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("The server's socket is closed", e);
        }
    }

    /** How many connections are open (for tests and the docs' measurements). */
    int connectionCount() {
        synchronized (connections) {
            return connections.size();
        }
    }

    /** Stops accepting, closes every connection; responses in the workers' hands are dropped. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(SWEEP_MILLIS);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept(now);
                        continue;
                    }
                    Conn conn = (Conn) key.attachment();
                    try {
                        if (key.isReadable()) {
                            readable(conn, now);
                        }
                        if (key.isValid() && key.isWritable()) {
                            write(conn, now);
                        }
                    } catch (RuntimeException e) {
                        // one connection's trouble (a key cancelled under it, say) must not stop the server
                        close(conn);
                    }
                }
                selector.selectedKeys().clear();
                Conn done;
                while ((done = answered.poll()) != null) {
                    try {
                        respond(done, done.response, now);
                    } catch (RuntimeException e) {
                        close(done);
                    }
                }
                if (now - lastSweep >= SWEEP_MILLIS * 1_000_000L) {
                    lastSweep = now;
                    sweep(now);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector itself failed: nothing can be served any more; close below
        } finally {
            synchronized (connections) {
                for (Conn conn : connections) {
                    quietClose(conn.channel);
                }
                connections.clear();
            }
            quietClose(listener);
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void accept(final long now) {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // out of file descriptors, typically: stop accepting for a moment instead of spinning
                pauseAccepting(now);
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (connectionCount() >= limits.maxConnections()) {
                    Response busy = handler.refuse(null, 503, "The server has " + limits.maxConnections()
                            + " open connections, its limit; try again later");
                    channel.write(ByteBuffer.wrap(serialize(busy, false, true)));
                    channel.close();
                    continue;
                }
                Conn conn = new Conn(channel, buffered, limits.maxBufferedBytes());
                conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
                conn.deadline = now + limits.idleNanos();
                synchronized (connections) {
                    connections.add(conn);
                }
            } catch (IOException e) {
                quietClose(channel);
            }
        }
    }

    private void pauseAccepting(final long now) {
        acceptPausedUntil = now + 100_000_000L;
        listener.keyFor(selector).interestOps(0);
    }

    private void readable(final Conn conn, final long now) {
        try {
            if (conn.state == State.DRAINING) {
                drain(conn, now);
                return;
            }
            if (!conn.ensureSpace()) {
                refuse(conn, conn.head == null ? null : conn.head.rawPath, 503, busyMemory(), now);
                return;
            }
            int read = conn.channel.read(ByteBuffer.wrap(conn.buf, conn.len, conn.buf.length - conn.len));
            if (read < 0) {
                close(conn);
                return;
            }
            conn.len += read;
            advance(conn, now);
        } catch (IOException e) {
            close(conn);
        }
    }

    /** Parses as far as the buffered bytes go: a head, a body, and a dispatch when the request is complete. */
    private void advance(final Conn conn, final long now) throws IOException {
        if (conn.state == State.HEAD) {
            skipLeadingNewlines(conn);
            if (conn.pos == conn.len) {
                conn.compact();
                return;
            }
            if (conn.requestStart == 0) {
                // the first byte of a request: from now on it has the header timeout, no longer the idle one
                conn.requestStart = now;
                conn.deadline = now + limits.headerNanos();
            }
            // bytes already searched are not searched again (but for the two that may start the end of the head),
            // so that a client sending one byte at a time costs linear, not quadratic, time
            int end = headEnd(conn.buf, conn.pos + Math.max(0, conn.scanned - 2), conn.len);
            if (end < 0) {
                conn.scanned = conn.len - conn.pos;
                if (conn.len - conn.pos > MAX_HEAD_BYTES) {
                    refuse(conn, null, 431, "The request line and headers exceed " + MAX_HEAD_BYTES + " bytes", now);
                }
                return;
            }
            if (end - conn.pos > MAX_HEAD_BYTES) {
                refuse(conn, null, 431, "The request line and headers exceed " + MAX_HEAD_BYTES + " bytes", now);
                return;
            }
            Head head;
            try {
                head = Head.parse(conn.buf, conn.pos, end);
            } catch (Refusal r) {
                refuse(conn, r.rawPath, r.status, r.getMessage(), now);
                return;
            }
            conn.pos = end;
            conn.scanned = 0;
            conn.head = head;
            conn.deadline = conn.requestStart + limits.requestNanos();
            String te = head.headers.get("transfer-encoding");
            String cl = head.headers.get("content-length");
            if (te != null) {
                if (cl != null) {
                    refuse(conn, head.rawPath, 400, "A request may not have both Transfer-Encoding and "
                            + "Content-Length", now);
                    return;
                }
                if (!"chunked".equalsIgnoreCase(te.trim())) {
                    refuse(conn, head.rawPath, 501, "Only the chunked transfer coding is supported, not "
                            + quote(te), now);
                    return;
                }
                conn.chunks = new Chunks();
                conn.body = new byte[0];
                conn.bodyLen = 0;
                conn.state = State.CHUNKED;
                continueIfExpected(conn);
            } else {
                long length = 0;
                if (cl != null) {
                    length = parseLength(cl);
                    if (length < 0) {
                        refuse(conn, head.rawPath, 400, "The Content-Length header is not a number: "
                                + quote(cl), now);
                        return;
                    }
                }
                if (length > limits.maxBodyBytes()) {
                    refuse(conn, head.rawPath, 413, tooLarge(), now);
                    return;
                }
                conn.expected = (int) length;
                conn.state = State.BODY;
                if (length > 0) {
                    continueIfExpected(conn);
                }
            }
        }
        if (conn.state == State.BODY) {
            if (conn.len - conn.pos < conn.expected) {
                conn.compact();
                return;
            }
            byte[] body = new byte[conn.expected];
            System.arraycopy(conn.buf, conn.pos, body, 0, conn.expected);
            conn.pos += conn.expected;
            dispatch(conn, body, now);
            return;
        }
        if (conn.state == State.CHUNKED) {
            int status;
            try {
                status = conn.chunks.decode(conn, limits.maxBodyBytes());
            } catch (Refusal r) {
                refuse(conn, conn.head.rawPath, r.status, r.getMessage(), now);
                return;
            }
            if (status == Chunks.BUSY) {
                refuse(conn, conn.head.rawPath, 503, busyMemory(), now);
            } else if (status == Chunks.TOO_LARGE) {
                refuse(conn, conn.head.rawPath, 413, tooLarge(), now);
            } else if (status == Chunks.DONE) {
                byte[] body = new byte[conn.bodyLen];
                System.arraycopy(conn.body, 0, body, 0, conn.bodyLen);
                dispatch(conn, body, now);
            } else {
                conn.compact();
            }
        }
    }

    private String busyMemory() {
        return "The server holds too many request bytes in memory (its limit is "
                + limits.maxBufferedBytes() / (1024 * 1024) + " MB); try again later";
    }

    private String tooLarge() {
        return "The body exceeds the limit of " + limits.maxBodyBytes() + " bytes; send fewer rows per request";
    }

    private static void continueIfExpected(final Conn conn) throws IOException {
        String expect = conn.head.headers.get("expect");
        if (expect != null && "100-continue".equalsIgnoreCase(expect.trim()) && conn.head.http11
                && conn.len == conn.pos) {
            ByteBuffer interim = ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            conn.channel.write(interim);
            if (interim.hasRemaining()) {
                // 25 bytes on a connection with nothing else in flight: only a broken peer refuses them
                throw new IOException("Cannot send 100 Continue");
            }
        }
    }

    private void dispatch(final Conn conn, final byte[] body, final long now) {
        Head head = conn.head;
        conn.releaseBody();
        conn.shrink();
        if (!conn.reserve(body.length)) {
            refuse(conn, head.rawPath, 503, busyMemory(), now);
            return;
        }
        Request request = new Request(head.method, head.target, head.rawPath, head.headers, body);
        conn.state = State.DISPATCHED;
        conn.key.interestOps(0);
        conn.keepAlive = head.keepAlive;
        conn.chunks = null;
        conn.body = null;
        conn.requestStart = 0;
        conn.compact();
        try {
            workers.execute(() -> {
                Response response;
                try {
                    response = handler.handle(request, now);
                } catch (RuntimeException | Error e) {
                    response = handler.refuse(request.rawPath(), 500, "Internal error: "
                            + e.getClass().getSimpleName());
                } finally {
                    buffered.addAndGet(-body.length);
                }
                conn.response = response;
                answered.add(conn);
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            buffered.addAndGet(-body.length);
            refuse(conn, head.rawPath, 503, "The server is busy: every worker is taken and the queue is full; "
                    + "try again later", now);
        }
    }

    /** Answers from the selector thread and closes the connection after the response. */
    private void refuse(final Conn conn, @CheckForNull final String rawPath, final int status, final String reason,
            final long now) {
        Response response = handler.refuse(rawPath, status, reason);
        conn.keepAlive = false;
        respond(conn, response, now);
    }

    private void respond(final Conn conn, final Response response, final long now) {
        boolean head = conn.head != null && "HEAD".equals(conn.head.method);
        boolean close = !conn.keepAlive || !running;
        byte[] bytes = serialize(response, head, close);
        conn.out = ByteBuffer.wrap(bytes);
        conn.closeAfter = close;
        conn.state = State.WRITING;
        conn.deadline = now + limits.writeNanos();
        conn.response = null;
        if (conn.key.isValid()) {
            conn.key.interestOps(0);
            write(conn, now);
        }
    }

    private void write(final Conn conn, final long now) {
        try {
            conn.channel.write(conn.out);
            if (conn.out.hasRemaining()) {
                conn.key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            conn.out = null;
            conn.head = null;
            if (conn.closeAfter) {
                // a lingering close: send FIN, then read and drop what the client still sends, so that a close
                // with unread bytes does not reset the connection before the client reads the response
                conn.channel.shutdownOutput();
                conn.state = State.DRAINING;
                conn.deadline = now + DRAIN_NANOS;
                conn.drained = 0;
                conn.key.interestOps(SelectionKey.OP_READ);
                return;
            }
            conn.state = State.HEAD;
            conn.deadline = now + limits.idleNanos();
            conn.key.interestOps(SelectionKey.OP_READ);
            // a pipelined request may already be buffered
            if (conn.len > conn.pos) {
                advance(conn, now);
            }
        } catch (IOException e) {
            close(conn);
        }
    }

    private void drain(final Conn conn, final long now) throws IOException {
        ByteBuffer scratch = ByteBuffer.wrap(conn.buf);
        int read = conn.channel.read(scratch);
        conn.drained += Math.max(read, 0);
        if (read < 0 || conn.drained > DRAIN_BYTES || now > conn.deadline) {
            close(conn);
        }
    }

    private void sweep(final long now) {
        if (acceptPausedUntil != 0 && now > acceptPausedUntil) {
            acceptPausedUntil = 0;
            listener.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
        }
        List<Conn> late = new ArrayList<>();
        synchronized (connections) {
            for (Conn conn : connections) {
                if (conn.state != State.DISPATCHED && now - conn.deadline > 0) {
                    late.add(conn);
                }
            }
        }
        for (Conn conn : late) {
            boolean partial = conn.state == State.BODY || conn.state == State.CHUNKED
                    || conn.state == State.HEAD && conn.requestStart != 0;
            if (partial) {
                String rawPath = conn.head == null ? null : conn.head.rawPath;
                long seconds = (conn.head == null ? limits.headerNanos() : limits.requestNanos()) / 1_000_000_000L;
                try {
                    refuse(conn, rawPath, 408, "The request was not received within " + seconds + " seconds", now);
                } catch (RuntimeException e) {
                    close(conn);
                }
            } else {
                // idle between requests, a client that does not read its response, or a finished drain
                close(conn);
            }
        }
    }

    private void close(final Conn conn) {
        synchronized (connections) {
            if (!connections.remove(conn)) {
                return;
            }
        }
        conn.releaseAll();
        if (conn.key != null) {
            conn.key.cancel();
        }
        quietClose(conn.channel);
    }

    private static void quietClose(final java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing to do about it
        }
    }

    static byte[] serialize(final Response response, final boolean head, final boolean close) {
        StringBuilder text = new StringBuilder(160);
        text.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status()))
                .append("\r\n");
        if (response.contentType() != null) {
            text.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        text.append("Content-Length: ").append(response.body().length).append("\r\n");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (close) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        byte[] start = text.toString().getBytes(StandardCharsets.US_ASCII);
        if (head) {
            return start;
        }
        byte[] all = new byte[start.length + response.body().length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(response.body(), 0, all, start.length, response.body().length);
        return all;
    }

    static String reason(final int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    /** At most 40 characters of a client's text, with control characters escaped. */
    static String quote(final String text) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(text.length(), 40);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > shown ? "...'" : "'").toString();
    }

    /** A Content-Length value: digits only, or -1. */
    private static long parseLength(final String value) {
        String text = value.trim();
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    private static void skipLeadingNewlines(final Conn conn) {
        // a client may send a CRLF after a POST body; a server ignores empty lines before a request line
        while (conn.pos < conn.len && (conn.buf[conn.pos] == '\r' || conn.buf[conn.pos] == '\n')
                && conn.requestStart == 0) {
            conn.pos++;
        }
    }

    /** The index just after the empty line that ends the head (CRLF CRLF, or bare LFs), or -1. */
    static int headEnd(final byte[] buf, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < to && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < to && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** A request the protocol layer refuses, with its status. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        @CheckForNull final transient String rawPath;

        Refusal(final int status, @CheckForNull final String rawPath, final String message) {
            super(message, null, false, false);
            this.status = status;
            this.rawPath = rawPath;
        }
    }

    /** The parsed request line and headers. */
    static final class Head {
        final String method;
        final String target;
        final String rawPath;
        final boolean http11;
        final boolean keepAlive;
        final Map<String, String> headers;

        private Head(final String method, final String target, final String rawPath, final boolean http11,
                final Map<String, String> headers) {
            this.method = method;
            this.target = target;
            this.rawPath = rawPath;
            this.http11 = http11;
            this.headers = headers;
            String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
            this.keepAlive = http11 && !connection.contains("close");
        }

        static Head parse(final byte[] buf, final int from, final int to) throws Refusal {
            List<String> lines = new ArrayList<>();
            int start = from;
            for (int i = from; i < to; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    lines.add(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
                    start = i + 1;
                } else if (b >= 0 && b < 0x20 && b != '\t' && b != '\r' || b == 0x7f
                        || b == '\r' && (i + 1 >= to || buf[i + 1] != '\n')) {
                    throw new Refusal(400, null, "The request head holds a control character (byte "
                            + (b & 0xff) + ")");
                }
            }
            String line = lines.get(0);
            String[] parts = line.split(" ", -1);
            if (parts.length != 3) {
                throw new Refusal(400, null, "The request line is not 'METHOD /path HTTP/1.1': " + quote(line));
            }
            String method = parts[0];
            if (method.isEmpty() || method.length() > 20 || !isToken(method)) {
                throw new Refusal(400, null, "The request method is not valid: " + quote(method));
            }
            String version = parts[2];
            boolean http11 = "HTTP/1.1".equals(version);
            if (!http11 && !"HTTP/1.0".equals(version)) {
                if (version.matches("HTTP/\\d\\.\\d")) {
                    throw new Refusal(505, null, "Only HTTP/1.1 and HTTP/1.0 are served, not " + quote(version));
                }
                throw new Refusal(400, null, "The request line does not end in an HTTP version: " + quote(line));
            }
            String target = parts[1];
            String rawPath = checkTarget(target);
            Map<String, String> headers = new LinkedHashMap<>();
            int count = 0;
            for (String header : lines.subList(1, lines.size())) {
                if (header.isEmpty()) {
                    continue;
                }
                if (++count > MAX_HEADERS) {
                    throw new Refusal(431, rawPath, "The request has more than " + MAX_HEADERS + " headers");
                }
                if (header.charAt(0) == ' ' || header.charAt(0) == '\t') {
                    throw new Refusal(400, rawPath, "A header line is folded (starts with white space): "
                            + quote(header));
                }
                int colon = header.indexOf(':');
                if (colon <= 0 || !isToken(header.substring(0, colon))) {
                    throw new Refusal(400, rawPath, "A header line is not 'Name: value': " + quote(header));
                }
                String name = header.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                String previous = headers.get(name);
                if (previous != null && ("content-length".equals(name) || "transfer-encoding".equals(name)
                        || "host".equals(name))) {
                    // repeated framing headers are how requests are smuggled past a proxy
                    throw new Refusal(400, rawPath, "The header " + name + " is repeated");
                }
                headers.put(name, previous == null ? value : previous + ", " + value);
            }
            return new Head(method, target, rawPath, http11, headers);
        }

        /** The raw path of an origin-form target, after checking its characters and percent-encoding. */
        private static String checkTarget(final String target) throws Refusal {
            if (target.isEmpty() || target.charAt(0) != '/') {
                throw new Refusal(400, null, "The request target must be a path starting with '/', not "
                        + quote(target));
            }
            for (int i = 0; i < target.length(); i++) {
                char c = target.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^'
                        || c == '`' || c == '{' || c == '|' || c == '}') {
                    throw new Refusal(400, null, "The request target holds a character that must be "
                            + "percent-encoded: " + quote(target));
                }
                if (c == '%' && (i + 2 >= target.length() || !isHex(target.charAt(i + 1))
                        || !isHex(target.charAt(i + 2)))) {
                    throw new Refusal(400, null, "The request target has a '%' not followed by two hex digits: "
                            + quote(target));
                }
            }
            int end = target.length();
            int query = target.indexOf('?');
            if (query >= 0) {
                end = query;
            }
            int fragment = target.indexOf('#');
            if (fragment >= 0 && fragment < end) {
                end = fragment;
            }
            return target.substring(0, end);
        }

        private static boolean isHex(final char c) {
            return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }

        private static boolean isToken(final String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
                if (!ok) {
                    return false;
                }
            }
            return !text.isEmpty();
        }
    }

    /** An incremental decoder of a chunked body from the connection's buffer into {@code Conn.body}. */
    static final class Chunks {
        static final int MORE = 0;
        static final int DONE = 1;
        static final int TOO_LARGE = 2;
        static final int BUSY = 3;
        private static final int MAX_LINE = 4096;
        private int remaining = -1;
        private boolean trailers;

        int decode(final Conn conn, final int max) throws Refusal {
            while (true) {
                if (remaining > 0) {
                    int take = Math.min(remaining, conn.len - conn.pos);
                    if (take == 0) {
                        return MORE;
                    }
                    if (conn.bodyLen + take > max) {
                        return TOO_LARGE;
                    }
                    if (!conn.growBody(conn.bodyLen + take)) {
                        return BUSY;
                    }
                    System.arraycopy(conn.buf, conn.pos, conn.body, conn.bodyLen, take);
                    conn.bodyLen += take;
                    conn.pos += take;
                    remaining -= take;
                    if (remaining > 0) {
                        return MORE;
                    }
                    remaining = -2; // the CRLF after the data
                }
                int eol = -1;
                for (int i = conn.pos; i < conn.len; i++) {
                    if (conn.buf[i] == '\n') {
                        eol = i;
                        break;
                    }
                }
                if (eol < 0) {
                    if (conn.len - conn.pos > MAX_LINE) {
                        throw new Refusal(400, null, "A chunk-size line is longer than " + MAX_LINE + " bytes");
                    }
                    return MORE;
                }
                int end = eol > conn.pos && conn.buf[eol - 1] == '\r' ? eol - 1 : eol;
                String line = new String(conn.buf, conn.pos, end - conn.pos, StandardCharsets.ISO_8859_1);
                conn.pos = eol + 1;
                if (remaining == -2) {
                    if (!line.isEmpty()) {
                        throw new Refusal(400, null, "A chunk's data is not followed by CRLF");
                    }
                    remaining = -1;
                } else if (trailers) {
                    if (line.isEmpty()) {
                        return DONE;
                    }
                } else {
                    int semicolon = line.indexOf(';');
                    String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
                    long value;
                    try {
                        if (size.isEmpty() || size.length() > 8) {
                            throw new NumberFormatException(size);
                        }
                        value = Long.parseLong(size, 16);
                    } catch (NumberFormatException e) {
                        throw new Refusal(400, null, "A chunk size is not a hexadecimal number: " + quote(line));
                    }
                    if (value == 0) {
                        trailers = true;
                    } else if (conn.bodyLen + value > max) {
                        return TOO_LARGE;
                    } else {
                        remaining = (int) value;
                    }
                }
            }
        }
    }

    /** One connection's state; touched only by the selector thread, except {@code response} (handed over). */
    static final class Conn {
        final SocketChannel channel;
        @CheckForNull SelectionKey key;
        State state = State.HEAD;
        byte[] buf = new byte[2048];
        int pos;
        int len;
        long requestStart;
        long deadline;
        /** How many bytes after {@code pos} were searched for the end of the head. */
        int scanned;
        @CheckForNull Head head;
        int expected;
        @CheckForNull Chunks chunks;
        @CheckForNull byte[] body;
        int bodyLen;
        boolean keepAlive;
        @CheckForNull volatile Response response;
        @CheckForNull ByteBuffer out;
        boolean closeAfter;
        long drained;

        private final AtomicLong buffered;
        private final long budget;

        Conn(final SocketChannel channel, final AtomicLong buffered, final long budget) {
            this.channel = channel;
            this.buffered = buffered;
            this.budget = budget;
            buffered.addAndGet(buf.length);
        }

        /** Takes {@code bytes} from the shared budget, or returns false when that would exceed it. */
        boolean reserve(final long bytes) {
            while (true) {
                long now = buffered.get();
                if (now + bytes > budget) {
                    return false;
                }
                if (buffered.compareAndSet(now, now + bytes)) {
                    return true;
                }
            }
        }

        void releaseBody() {
            if (body != null) {
                buffered.addAndGet(-body.length);
                body = null;
            }
        }

        /** After a request: a buffer grown for a large body goes back to its initial size. */
        void shrink() {
            compact();
            if (buf.length > 8192 && len <= 2048) {
                byte[] small = new byte[2048];
                System.arraycopy(buf, 0, small, 0, len);
                buffered.addAndGet(small.length - buf.length);
                buf = small;
            }
        }

        void releaseAll() {
            releaseBody();
            buffered.addAndGet(-buf.length);
            buf = new byte[0];
            len = 0;
            pos = 0;
        }

        /** Moves unparsed bytes to the front and makes sure some space is free for the next read. */
        boolean ensureSpace() {
            compact();
            if (buf.length - len < 1024) {
                int size = Math.max(buf.length * 2, len + 1024);
                if (!reserve(size - buf.length)) {
                    return false;
                }
                byte[] bigger = new byte[size];
                System.arraycopy(buf, 0, bigger, 0, len);
                buf = bigger;
            }
            return true;
        }

        void compact() {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, len - pos);
                len -= pos;
                pos = 0;
            }
        }

        boolean growBody(final int size) {
            if (body.length < size) {
                int grown = Math.max(Math.max(size, 8192), body.length * 2);
                if (!reserve(grown - body.length)) {
                    return false;
                }
                byte[] bigger = new byte[grown];
                System.arraycopy(body, 0, bigger, 0, bodyLen);
                body = bigger;
            }
            return true;
        }
    }
}
