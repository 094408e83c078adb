package dev.harness.protocol;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.Charset;

/** A tiny service over the test-echo contract, used in-process and as a child JVM. */
public final class EchoService implements Service {
    public static void main(String[] args) {
        ServiceLauncher.launch(new EchoService(), args);
    }

    /** Code far below the handler: no context, no contract, no number. */
    private static com.fasterxml.jackson.databind.JsonNode refuseFromDepth() {
        throw new DomainError("refused", "Refused from depth.", TextNode.valueOf("deep"));
    }

    @Override
    public String name() {
        return "test-echo";
    }

    @Override
    public String summary() {
        return "Echoes text for the protocol tests.";
    }

    @Override
    public void register(Dispatcher dispatcher) {
        dispatcher.on("echo", (params, ctx) -> {
            var result = Json.object();
            result.put("text", params.get("text").asText());
            return result;
        });
        dispatcher.on("count", (params, ctx) -> {
            int n = params.get("n").asInt();
            for (int i = 0; i < n; i++) {
                var tick = Json.object();
                tick.put("i", i);
                ctx.notify("tick", tick);
            }
            return IntNode.valueOf(n);
        });
        dispatcher.on("refuse", (params, ctx) -> {
            throw ctx.error("refused", "The test method refuses.", TextNode.valueOf("because"));
        });
        dispatcher.on("refuse_deep", (params, ctx) -> {
            if (params.path("wrapped").asBoolean()) {
                return java.util.concurrent.CompletableFuture.supplyAsync(EchoService::refuseFromDepth).join();
            }
            return refuseFromDepth();
        });
        dispatcher.on("refuse_undeclared", (params, ctx) -> {
            throw new DomainError("no_such_error", "A name nobody declared.");
        });
        dispatcher.on("crash", (params, ctx) -> {
            throw new IllegalStateException("secret internal detail");
        });
        dispatcher.on("wrong_result", (params, ctx) -> Json.object());
        dispatcher.on("wrong_event", (params, ctx) -> {
            ctx.notify("tick", Json.object());
            return Json.object();
        });
        dispatcher.on("packet", (params, ctx) -> Json.object());
        dispatcher.on("charset", (params, ctx) -> TextNode.valueOf(Charset.defaultCharset().name()));
        dispatcher.onBlocking("wait", (params, ctx) -> {
            Thread.sleep(params.get("ms").asLong());
            return params.get("ms");
        });
    }
}
