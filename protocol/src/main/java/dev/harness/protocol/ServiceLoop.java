package dev.harness.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;

/**
 * Reads requests line by line until EOF and writes one response per request: the reading side of
 * a service. Requests are answered in order, except those the dispatcher marks blocking, which run
 * on their own thread. At EOF it waits for those, flushes, and returns.
 */
public final class ServiceLoop {
    private final Dispatcher dispatcher;
    private final MessageWriter writer;
    private final int maxLineBytes;
    private final ExecutorService blockingPool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "blocking-request");
        thread.setDaemon(true);
        return thread;
    });
    /** Counts blocking requests still running, so EOF can wait for them. */
    private final Phaser inFlight = new Phaser(1);

    public ServiceLoop(Dispatcher dispatcher, MessageWriter writer, int maxLineBytes) {
        this.dispatcher = dispatcher;
        this.writer = writer;
        this.maxLineBytes = maxLineBytes;
    }

    /** Serves until EOF on {@code in}; blocking requests already started are finished before it returns. */
    public void run(InputStream in) throws IOException {
        LineReader reader = new LineReader(in, maxLineBytes);
        boolean first = true;
        while (true) {
            LineReader.Line line = reader.next();
            if (line instanceof LineReader.Line.End) {
                break;
            }
            handle(line);
            if (first) {
                StartupTrace.mark("first line answered");
                first = false;
            }
            if (!reader.hasBufferedInput()) {
                writer.flush(); // nothing else is waiting: let the client see the answers now
            }
        }
        writer.flush();
        inFlight.arriveAndAwaitAdvance();
        blockingPool.shutdown();
        try {
            blockingPool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.flush();
    }

    void handle(LineReader.Line line) {
        if (line instanceof LineReader.Line.TooLong tooLong) {
            writer.write(JsonRpc.error(null, new RpcException(JsonRpc.INVALID_REQUEST,
                    "Invalid request: the line is longer than the limit of " + maxLineBytes + " bytes and was discarded.",
                    Json.toNode("line of " + tooLong.bytes() + " bytes exceeds the limit of " + maxLineBytes + " bytes"))), false);
            return;
        }
        if (line instanceof LineReader.Line.Undecodable bad) {
            writer.write(JsonRpc.error(null, RpcException.parseError(bad.reason())), false);
            return;
        }
        String text = ((LineReader.Line.Text) line).text();
        if (text.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = Json.parse(text);
        } catch (JsonProcessingException e) {
            writer.write(JsonRpc.error(null, RpcException.parseError(e.getOriginalMessage())), false);
            return;
        }
        if (message instanceof ArrayNode batch) {
            handleBatch(batch);
        } else if (dispatcher.isBlocking(message)) {
            runBlocking(() -> write(dispatcher.dispatch(message)));
        } else {
            write(dispatcher.dispatch(message));
        }
    }

    private void handleBatch(ArrayNode batch) {
        if (batch.isEmpty()) {
            writer.write(JsonRpc.error(null, RpcException.invalidRequest("an empty batch")), false);
            return;
        }
        boolean anyBlocking = false;
        for (JsonNode element : batch) {
            anyBlocking |= dispatcher.isBlocking(element);
        }
        if (anyBlocking) {
            runBlocking(() -> answerBatch(batch));
        } else {
            answerBatch(batch);
        }
    }

    private void answerBatch(ArrayNode batch) {
        ArrayNode responses = Json.array();
        for (JsonNode element : batch) {
            ObjectNode response = dispatcher.dispatch(element);
            if (response != null) {
                responses.add(response);
            }
        }
        if (!responses.isEmpty()) { // an all-notification batch gets nothing back
            writer.write(responses, false);
        }
    }

    private void write(ObjectNode response) {
        if (response != null) {
            writer.write(response, false);
        }
    }

    private void runBlocking(Runnable work) {
        inFlight.register();
        blockingPool.execute(() -> {
            try {
                work.run();
                writer.flush();
            } finally {
                inFlight.arriveAndDeregister();
            }
        });
    }
}
