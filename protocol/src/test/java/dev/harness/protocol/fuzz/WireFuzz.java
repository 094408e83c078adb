package dev.harness.protocol.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Incoming;
import dev.harness.protocol.Json;
import dev.harness.protocol.MessageParser;
import dev.harness.protocol.MessageParser.ParsedLine;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;
import dev.harness.protocol.WireLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The fuzz oracle for a service's loop, run in-process ({@link ServiceLauncher#run} on in-memory
 * streams): one case line followed by rpc.discover. What must hold, whatever the line: every output
 * line is valid JSON-RPC 2.0; rpc.discover is still answered; every answer's id is one that was sent,
 * byte for byte (or null for what had no readable id); each request gets one answer and a
 * notification none; invalid JSON gets -32700 and valid JSON never does; and nothing is -32603
 * (a client's mistake is never the service's internal error).
 */
public final class WireFuzz {
    private static final String DISCOVER = "{\"jsonrpc\":\"2.0\",\"id\":\"fuzz-discover\",\"method\":\"rpc.discover\"}";

    private WireFuzz() {}

    /** The request lines of examples/FOLDER/*.jsonl, from a module directory (the tests' working directory). */
    public static List<String> seeds(String folder) {
        Path dir = Path.of("..", "examples", folder);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed regression cases of a module: src/test/resources/fuzz-corpus/*.jsonl. */
    public static List<byte[]> corpus() {
        Path dir = Path.of("src", "test", "resources", "fuzz-corpus");
        List<byte[]> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    // read with the wire's parser: a case may hold escapes Jackson refuses (unpaired surrogates)
                    JsonNode entry = ((ParsedLine.Single) MessageParser.parse(line, WireLimits.DEFAULT)).message().message();
                    cases.add(entry.has("base64") ? Base64.getDecoder().decode(entry.get("base64").asText())
                            : expand(entry.path("case").asText()).getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Corpus shorthand for big cases: {@code <<repeat N|TEXT>>} becomes TEXT N times. */
    static String expand(String text) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = text.indexOf("<<repeat ", at);
            if (open < 0) {
                return out.append(text.substring(at)).toString();
            }
            int close = text.indexOf(">>", open);
            String[] parts = text.substring(open + 9, close).split("\\|", 2);
            out.append(text, at, open).append(parts[1].repeat(Integer.parseInt(parts[0])));
            at = close + 2;
        }
    }

    /** Serves the line and rpc.discover; returns every rule the answers break (empty: none). */
    public static List<String> violations(Service service, String[] args, byte[] line) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(line);
        input.write('\n');
        input.writeBytes(DISCOVER.getBytes(StandardCharsets.UTF_8));
        input.write('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int code = ServiceLauncher.run(service, args, new ByteArrayInputStream(input.toByteArray()), out, err, false);
        List<String> problems = new ArrayList<>();
        if (code != 0) {
            problems.add("the service exited with " + code);
        }
        List<Answer> answers = new ArrayList<>();
        boolean discovered = false;
        for (String text : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (text.isEmpty()) {
                continue;
            }
            ParsedLine parsed = MessageParser.parse(text, WireLimits.DEFAULT);
            if (parsed instanceof ParsedLine.Single single) {
                Incoming message = single.message();
                if (!(message.message() instanceof ObjectNode object)) {
                    problems.add("a line that is neither a response nor a notification: " + shorten(text));
                } else if (object.has("method") && !object.has("id")) {
                    checkNotification(object, text, problems);
                } else if ("\"fuzz-discover\"".equals(message.rawId())) {
                    discovered = object.path("result").has("input_messages");
                } else {
                    checkResponse(object, text, problems);
                    answers.add(new Answer(object, message.rawId(), false));
                }
            } else if (parsed instanceof ParsedLine.Batch batch && !batch.messages().isEmpty()) {
                for (Incoming element : batch.messages()) {
                    if (element.message() instanceof ObjectNode object && !object.has("method")) {
                        checkResponse(object, text, problems);
                        answers.add(new Answer(object, element.rawId(), true));
                    } else {
                        problems.add("a batch answer holding a non-response: " + shorten(text));
                    }
                }
            } else {
                problems.add("a line that is not a JSON-RPC message: " + shorten(text));
            }
        }
        if (!discovered) {
            problems.add("rpc.discover after the case was not answered with the contract");
        }
        for (Answer answer : answers) {
            if (answer.code() == -32603) {
                problems.add("an internal error (-32603) for a client's line: " + shorten(Json.write(answer.response())));
            }
        }
        compare(line, answers, problems);
        return problems;
    }

    private record Answer(ObjectNode response, String rawId, boolean inBatch) {
        int code() {
            return response.path("error").path("code").asInt(0);
        }

        boolean nullId() {
            return response.get("id") == null || response.get("id").isNull();
        }

        boolean namesALimit() {
            JsonNode data = response.path("error").path("data");
            if (data.isArray()) {
                for (JsonNode item : data) {
                    if (item.has("limit")) {
                        return true;
                    }
                }
            }
            return data.has("limit");
        }
    }

    private static void compare(byte[] line, List<Answer> answers, List<String> problems) {
        ParsedLine parsed = MessageParser.parse(line, line.length, WireLimits.DEFAULT);
        if (parsed instanceof ParsedLine.Malformed) {
            if (answers.size() != 1 || answers.get(0).code() != -32700 || !answers.get(0).nullId()) {
                problems.add("invalid JSON not answered with one -32700 with id null");
            }
            String text = new String(line, StandardCharsets.UTF_8);
            if (isUtf8(line, text)) {
                try {
                    Json.parse(text); // a second opinion: what Jackson reads is valid JSON
                    problems.add("JSON that Jackson reads was answered -32700");
                } catch (Exception expected) {
                    Objects.requireNonNull(expected); // Jackson agrees: not JSON
                }
            }
            return;
        }
        if (parsed instanceof ParsedLine.Blank) {
            if (!answers.isEmpty()) {
                problems.add("a blank line was answered");
            }
            return;
        }
        if (parsed instanceof ParsedLine.OverLimit || isEmptyBatch(parsed)) {
            if (answers.size() != 1 || answers.get(0).code() != -32600 || !answers.get(0).nullId() || answers.get(0).inBatch()) {
                problems.add("a line over a limit (or an empty batch) not answered with one -32600 with id null");
            }
            return;
        }
        List<Incoming> requests = parsed instanceof ParsedLine.Single single ? List.of(single.message())
                : ((ParsedLine.Batch) parsed).messages();
        boolean batch = parsed instanceof ParsedLine.Batch;
        List<Answer> remaining = new ArrayList<>(answers);
        for (Incoming request : requests) {
            Expected expected = expect(request);
            if (expected == Expected.NOTHING) {
                continue;
            }
            Answer match = null;
            for (Answer answer : remaining) {
                boolean same = expected == Expected.ID ? Objects.equals(answer.rawId(), request.rawId())
                        : answer.nullId() && answer.code() == -32600;
                if (same) {
                    match = answer;
                    break;
                }
            }
            if (match == null) {
                problems.add("no answer (" + expected + ") for " + shorten(Json.write(request.message())));
            } else {
                remaining.remove(match);
                if (match.inBatch() != batch) {
                    problems.add(batch ? "a batch's answer outside an array" : "a single request answered in an array");
                }
                if (match.code() == -32700) {
                    problems.add("valid JSON answered -32700");
                }
            }
        }
        for (Answer extra : remaining) {
            problems.add("an answer nobody asked for (a notification's, or an id never sent): " + shorten(Json.write(extra.response())));
        }
    }

    private static boolean isEmptyBatch(ParsedLine parsed) {
        return parsed instanceof ParsedLine.Batch batch && batch.messages().isEmpty();
    }

    private enum Expected { NOTHING, ID, NULL_ID }

    /** JSON-RPC 2.0: a valid request without id is a notification; anything else is answered. */
    private static Expected expect(Incoming request) {
        if (!(request.message() instanceof ObjectNode object)) {
            return Expected.NULL_ID;
        }
        JsonNode id = object.get("id");
        boolean idProblem = request.problems().stream().anyMatch(p -> p.path().equals("/id") || p.path().startsWith("/id/"));
        if (id != null) {
            return (id.isTextual() || id.isNumber() || id.isNull()) && !idProblem ? Expected.ID : Expected.NULL_ID;
        }
        JsonNode version = object.get("jsonrpc");
        JsonNode params = object.get("params");
        boolean valid = (version == null || (version.isTextual() && version.asText().equals("2.0")))
                && object.path("method").isTextual()
                && (params == null || params.isObject() || params.isArray())
                && request.problems().stream().allMatch(Incoming.Problem::inParams);
        return valid ? Expected.NOTHING : Expected.NULL_ID;
    }

    private static void checkResponse(ObjectNode response, String text, List<String> problems) {
        boolean hasResult = response.has("result");
        boolean hasError = response.has("error");
        if (!"2.0".equals(response.path("jsonrpc").asText(null)) || !response.has("id") || hasResult == hasError) {
            problems.add("a malformed response: " + shorten(text));
        } else if (hasError && (!response.get("error").path("code").isIntegralNumber()
                || !response.get("error").path("message").isTextual())) {
            problems.add("a malformed error object: " + shorten(text));
        }
    }

    private static void checkNotification(ObjectNode notification, String text, List<String> problems) {
        if (!"2.0".equals(notification.path("jsonrpc").asText(null)) || !notification.path("method").isTextual()) {
            problems.add("a malformed notification: " + shorten(text));
        }
    }

    /** True when the bytes are UTF-8 (decoding them loses nothing). */
    private static boolean isUtf8(byte[] bytes, String decoded) {
        return java.util.Arrays.equals(bytes, decoded.getBytes(StandardCharsets.UTF_8));
    }

    static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** A case as a corpus line: {"case": text} when it is UTF-8, else {"base64": …}. */
    public static String corpusLine(byte[] line, String note) {
        ObjectNode entry = Json.object();
        String text = new String(line, StandardCharsets.UTF_8);
        if (isUtf8(line, text)) {
            entry.put("case", text);
        } else {
            entry.put("base64", Base64.getEncoder().encodeToString(line));
        }
        entry.put("note", note);
        return Json.write(entry);
    }
}
