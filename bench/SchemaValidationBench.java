import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Contract;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What validating one decompose costs (issue 15): the request's params, the plan_created event and the
 * result, the three messages a decompose validates, taken from the planning service's own output
 * (protocol/src/test/resources/schema-corpus/planning-service.jsonl) and examples/planning/decompose.jsonl.
 * Prints the thread CPU of the first validation of each (loading and compiling the schemas) and the
 * steady CPU a decompose after warm-up. Run by bench/schema-validation.sh against each build's jar, so
 * two builds are measured by the same code: java -cp planning-service.jar bench/SchemaValidationBench.java ROOT [N]
 */
public final class SchemaValidationBench {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<JsonNode[]> triples = new ArrayList<>();
        List<JsonNode> params = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("examples/planning/decompose.jsonl"))) {
            JsonNode request = Json.parse(line);
            if (request.path("params").path("objective").asText("").isBlank()) {
                continue;
            }
            params.add(request.path("params"));
        }
        JsonNode event = null;
        for (String line : Files.readAllLines(root.resolve("protocol/src/test/resources/schema-corpus/planning-service.jsonl"))) {
            JsonNode message = Json.parse(line);
            if ("plan_created".equals(message.path("method").asText())) {
                event = message.path("params");
            } else if (event != null && message.path("result").isArray()) {
                triples.add(new JsonNode[] {params.get(triples.size() % params.size()), event, message.path("result")});
                event = null;
            }
        }
        long start = threads.getCurrentThreadCpuTime();
        Contract contract = Contract.load("planning-service");
        SchemaCatalog.CompiledSchema paramsSchema = contract.paramsSchema("decompose");
        SchemaCatalog.CompiledSchema eventSchema = contract.notificationSchema("plan_created");
        SchemaCatalog.CompiledSchema resultSchema = contract.resultSchema("decompose");
        check(paramsSchema.validate(triples.get(0)[0]).isEmpty() && eventSchema.validate(triples.get(0)[1]).isEmpty()
                && resultSchema.validate(triples.get(0)[2]).isEmpty(), "first decompose");
        long first = threads.getCurrentThreadCpuTime() - start;
        long warm = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up, the second is measured
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < rounds; i++) {
                JsonNode[] triple = triples.get(i % triples.size());
                check(paramsSchema.validate(triple[0]).isEmpty(), "params");
                check(eventSchema.validate(triple[1]).isEmpty(), "plan_created");
                check(resultSchema.validate(triple[2]).isEmpty(), "result");
            }
            warm = threads.getCurrentThreadCpuTime() - before;
        }
        System.out.printf("first decompose validated (contract read, schemas compiled): %.1f ms CPU%n", first / 1e6);
        System.out.printf("a decompose validated (params, plan_created, result), %d of %d distinct: %.2f us CPU%n",
                rounds, triples.size(), warm / 1e3 / rounds);
    }

    private static void check(boolean valid, String what) {
        if (!valid) {
            throw new IllegalStateException(what + " was not valid");
        }
    }
}
