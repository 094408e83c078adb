import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Contract;
import dev.harness.protocol.Json;
import dev.harness.protocol.Violation;
import dev.harness.protocol.json.Digest;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;

/**
 * The throughput floor under planning-service's decompose, as a staircase (bench/wire-bench.py --floor):
 * each step is its own executable (WireParse, WireValidate, WireDigest) started through a copy of
 * bin/harness-launch, so it runs with a service's JVM options and its own trained archive.
 * <ol>
 * <li>parse: the reference's loop (../shared/bench/reference_planning.py) in Java: read a line, parse it
 *     with the suite's Jackson mapper, answer with fixed packets (a real plan of examples/dashboard, three
 *     packets, the objective put into their texts as the reference does), write the line;</li>
 * <li>validate: (1) + the request's params, the result and the plan_created event validated against the
 *     planning-service contract's real schemas (the service's own validator, protocol's SchemaCatalog);</li>
 * <li>digest: (2) + the plan's digest and id (protocol's Digest of the canonical packets) and the
 *     plan_created line written before the response, as the service does.</li>
 * </ol>
 * One thread, flushing when no more input is waiting (as the service loop does). What remains between
 * (3) and the real service is the planner, the plan rules and the service loop's own work.
 */
public final class WireFloor {
    private static final String PACKETS = """
            [{"id":"t1","title":"{Objective}: src/dashboard, src/theme","objective":"Make the change in src/dashboard/dash\
            board.js, src/theme/theme.js that this objective needs. Add or adjust a test that fails before your change and\
             passes after it, and keep the existing behaviour working. Tests that cover them: test/dashboard.test.js, test\
            /theme.test.js. Overall objective: {objective}","description":"Chosen because the objective's words are here: \
            src/dashboard/dashboard.js:8 function renderDashboard(widgets, theme = 'light') {; src/theme/theme.js:1 // The\
             dashboard's themes. Only \\"light\\" exists so far.","scope":"workspace","scope_path":".","acceptance_tests":\
            ["node --test 'test/dashboard.test.js' 'test/theme.test.js'"],"depends_on":[],"commit_policy":"single verified\
             commit","escalation_policy":"ask","timeout_seconds":1800,"verification":"targeted"},{"id":"t2","title":"{Obje\
            ctive}: src/settings/index.js","objective":"Make the change in src/settings/index.js that this objective needs\
            . Add or adjust a test that fails before your change and passes after it, and keep the existing behaviour work\
            ing. Tests that cover it: test/settings.test.js. Overall objective: {objective}","description":"Chosen because\
             the objective's words are here: src/settings/index.js:3 theme: 'light',.","scope":"workspace","scope_path":".\
            ","acceptance_tests":["node --test 'test/settings.test.js'"],"depends_on":[],"commit_policy":"single verified \
            commit","escalation_policy":"ask","timeout_seconds":1800,"verification":"targeted"},{"id":"t3","title":"Verify\
             end to end: {objective}","objective":"Check the finished work end to end: run the build, lint and the full te\
            st suite once and fix what fails where the changes meet. Overall objective: {objective}","scope":"workspace","\
            scope_path":".","acceptance_tests":["npm run build","npm test"],"depends_on":["t1","t2"],"commit_policy":"none\
            ","escalation_policy":"ask","timeout_seconds":900,"verification":"suite"}]""";
    private static final String LINT = "Not used as checks: 'npm run lint' (lint and format scripts judge style, not whether the"
            + " change works; run them yourself, or name lint or formatting in the objective to have them checked).";
    private static final String WARNING = "Built-in plan: places were found by the objective's words in file names and"
            + " contents (evidence in each packet's description); it cannot know whether other places need the change or"
            + " what the new tests should assert.";

    private WireFloor() {}

    static void run(int step) throws Exception {
        ArrayNode template = (ArrayNode) Json.parse(PACKETS);
        Contract contract = step >= 2 ? Contract.load("planning-service") : null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request = Json.parse(line);
            JsonNode params = request.path("params");
            String objective = params.path("objective").asText("");
            ArrayNode packets = packets(template, objective);
            if (step >= 2) {
                check(contract.paramsSchema("decompose").validate(params), "params");
                String digest = step >= 3 ? Digest.ofJson(packets) : "0".repeat(64);
                ObjectNode event = Json.object();
                event.put("plan_id", "plan-" + digest.substring(0, 16));
                event.put("objective", objective);
                event.set("packets", packets);
                event.putArray("warnings").add(LINT).add(WARNING);
                event.put("planner", "built_in");
                event.put("workspace", params.path("context").path("cwd").asText("."));
                event.put("created_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                event.put("digest", digest);
                check(contract.notificationSchema("plan_created").validate(event), "plan_created");
                if (step >= 3) {
                    ObjectNode notification = Json.object();
                    notification.put("jsonrpc", "2.0");
                    notification.put("method", "plan_created");
                    notification.set("params", event);
                    out.write(Json.writeBytes(notification));
                    out.write('\n');
                }
                check(contract.resultSchema("decompose").validate(packets), "result");
            }
            ObjectNode response = Json.object();
            response.put("jsonrpc", "2.0");
            response.set("id", request.get("id"));
            response.set("result", packets);
            out.write(Json.writeBytes(response));
            out.write('\n');
            if (!in.ready()) {
                out.flush();
            }
        }
        out.flush();
    }

    /** The fixed packets with the objective in their texts (a copy: the template stays as it is). */
    private static ArrayNode packets(ArrayNode template, String objective) {
        String title = objective.isEmpty() ? objective : Character.toUpperCase(objective.charAt(0)) + objective.substring(1);
        ArrayNode packets = template.deepCopy();
        for (JsonNode packet : packets) {
            ObjectNode p = (ObjectNode) packet;
            for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String text = p.get(name).textValue();
                if (text != null && text.indexOf('{') >= 0) {
                    p.put(name, text.replace("{objective}", objective).replace("{Objective}", title));
                }
            }
        }
        return packets;
    }

    private static void check(List<Violation> violations, String what) {
        if (!violations.isEmpty()) {
            throw new IllegalStateException(what + " fails its schema: " + violations);
        }
    }
}
