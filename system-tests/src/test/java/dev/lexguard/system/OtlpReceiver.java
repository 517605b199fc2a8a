package dev.lexguard.system;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP traces endpoint ({@code POST /v1/traces}, protobuf) on 127.0.0.1 that every service and the gateway
 * of the system export to ({@code LEXGUARD_OTEL_ENDPOINT}), keeping each span's service, ids, parent, kind and name.
 * The messages are read field by field (opentelemetry-proto's trace.proto numbers) with protobuf-java's wire reader.
 */
final class OtlpReceiver {

    /** A span as exported; ids in lower-case hex, {@code parentSpanId} empty for a trace's root. Kind as in OTLP (2 server, 3 client, 5 consumer). */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
    }

    private static OtlpReceiver shared;

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    /** The receiver of this test JVM's system, started on first use and kept until the JVM ends. */
    static synchronized OtlpReceiver shared() {
        if (shared == null) {
            shared = new OtlpReceiver();
        }
        return shared;
    }

    private OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", this::receive);
        server.start();
    }

    /** The base address an exporter is given (it appends {@code /v1/traces}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            readRequest(CodedInputStream.newInstance(body.readAllBytes()));
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** ExportTraceServiceRequest: repeated ResourceSpans resource_spans = 1. */
    private void readRequest(CodedInputStream in) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                readResourceSpans(CodedInputStream.newInstance(in.readByteArray()));
            } else {
                in.skipField(tag);
            }
        }
    }

    /** ResourceSpans: Resource resource = 1 (its service.name), repeated ScopeSpans scope_spans = 2 (spans = 2 in each). */
    private void readResourceSpans(CodedInputStream in) throws IOException {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> service = serviceName(CodedInputStream.newInstance(in.readByteArray()));
                case 2 -> scopes.add(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        for (byte[] scope : scopes) {
            CodedInputStream scopeIn = CodedInputStream.newInstance(scope);
            for (int tag = scopeIn.readTag(); tag != 0; tag = scopeIn.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 2) {
                    spans.add(readSpan(service, CodedInputStream.newInstance(scopeIn.readByteArray())));
                } else {
                    scopeIn.skipField(tag);
                }
            }
        }
    }

    /** Resource: repeated KeyValue attributes = 1; KeyValue: string key = 1, AnyValue value = 2 (string_value = 1). */
    private static String serviceName(CodedInputStream in) throws IOException {
        String service = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != 1) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream attribute = CodedInputStream.newInstance(in.readByteArray());
            String key = null;
            String value = null;
            for (int field = attribute.readTag(); field != 0; field = attribute.readTag()) {
                switch (WireFormat.getTagFieldNumber(field)) {
                    case 1 -> key = attribute.readString();
                    case 2 -> value = stringValue(CodedInputStream.newInstance(attribute.readByteArray()));
                    default -> attribute.skipField(field);
                }
            }
            if ("service.name".equals(key) && value != null) {
                service = value;
            }
        }
        return service;
    }

    private static String stringValue(CodedInputStream in) throws IOException {
        String value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                value = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return value;
    }

    /** Span: bytes trace_id = 1, bytes span_id = 2, bytes parent_span_id = 4, string name = 5, SpanKind kind = 6. */
    private static ReceivedSpan readSpan(String service, CodedInputStream in) throws IOException {
        HexFormat hex = HexFormat.of();
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> traceId = hex.formatHex(in.readByteArray());
                case 2 -> spanId = hex.formatHex(in.readByteArray());
                case 4 -> parent = hex.formatHex(in.readByteArray());
                case 5 -> name = in.readString();
                case 6 -> kind = in.readEnum();
                default -> in.skipField(tag);
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind);
    }
}
