package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads requests line by line until EOF and writes one response per request: the reading side of
 * a service. Requests are answered in order, except those the dispatcher marks blocking, which run
 * on their own thread (at most {@link WireLimits#maxInFlight()} at once). At EOF it waits for those,
 * flushes, and returns. Nothing a line holds can end the loop: every failure while answering one
 * line — a limit, a bug, even running out of memory — is answered for that line and serving goes on.
 */
public final class ServiceLoop {
    private final Dispatcher dispatcher;
    private final MessageWriter writer;
    private final WireLimits limits;
    private final ExecutorService blockingPool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "blocking-request");
        thread.setDaemon(true);
        return thread;
    });
    /** Counts blocking requests still running, so EOF can wait for them. */
    private final Phaser inFlight = new Phaser(1);
    private final Semaphore blockingSlots;
    /** Failures that could not even be logged (the log itself failed, e.g. out of memory). */
    private final AtomicLong unlogged = new AtomicLong();

    public ServiceLoop(Dispatcher dispatcher, MessageWriter writer, int maxLineBytes) {
        this(dispatcher, writer, WireLimits.DEFAULT.withMaxLineBytes(maxLineBytes));
    }

    public ServiceLoop(Dispatcher dispatcher, MessageWriter writer, WireLimits limits) {
        this.dispatcher = dispatcher;
        this.writer = writer;
        this.limits = limits;
        this.blockingSlots = new Semaphore(limits.maxInFlight());
    }

    /** Serves until EOF on {@code in}; blocking requests already started are finished before it returns. */
    public void run(InputStream in) throws IOException {
        LineReader reader = new LineReader(in, limits.maxLineBytes());
        boolean first = true;
        while (true) {
            LineReader.Line line = reader.nextRaw();
            if (line instanceof LineReader.Line.End) {
                break;
            }
            try {
                handle(line);
            } catch (Throwable failure) { // a bug or no memory: this line is lost, the service is not
                contain("a line could not be answered", failure);
                write(JsonRpc.error(null, RpcException.internal()));
            }
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
        MessageParser.ParsedLine parsed;
        if (line instanceof LineReader.Line.TooLong tooLong) {
            String what = "a line of " + tooLong.bytes() + " bytes, over the limit of " + limits.maxLineBytes() + " bytes";
            write(JsonRpc.error(null, new RpcException(JsonRpc.INVALID_REQUEST,
                    "Invalid request: the line is longer than the limit of " + limits.maxLineBytes() + " bytes and was discarded.",
                    limits.data(WireLimits.Limit.LINE_BYTES, what))));
            return;
        } else if (line instanceof LineReader.Line.Undecodable bad) {
            parsed = new MessageParser.ParsedLine.Malformed(bad.reason());
        } else if (line instanceof LineReader.Line.Raw raw) {
            parsed = MessageParser.parse(raw.bytes(), raw.length(), limits);
        } else {
            parsed = MessageParser.parse(((LineReader.Line.Text) line).text(), limits);
        }
        if (parsed instanceof MessageParser.ParsedLine.Malformed malformed) {
            write(JsonRpc.error(null, RpcException.parseError(malformed.reason())));
        } else if (parsed instanceof MessageParser.ParsedLine.OverLimit over) {
            write(JsonRpc.error(null, new RpcException(JsonRpc.INVALID_REQUEST,
                    "Invalid request: " + over.what() + " (the limit is " + limits.value(over.limit()) + ").",
                    limits.data(over.limit(), over.what()))));
        } else if (parsed instanceof MessageParser.ParsedLine.Single single) {
            Incoming message = single.message();
            if (dispatcher.isBlocking(message.message())) {
                runBlocking(() -> write(answer(message)), () -> write(busy(message)));
            } else {
                write(answer(message));
            }
        } else if (parsed instanceof MessageParser.ParsedLine.Batch batch) {
            handleBatch(batch.messages());
        }
        // Blank: nothing to answer
    }

    private void handleBatch(List<Incoming> batch) {
        if (batch.isEmpty()) {
            write(JsonRpc.error(null, RpcException.invalidRequest("an empty batch")));
            return;
        }
        boolean anyBlocking = false;
        for (Incoming element : batch) {
            anyBlocking |= dispatcher.isBlocking(element.message());
        }
        if (anyBlocking) {
            runBlocking(() -> answerBatch(batch, false), () -> answerBatch(batch, true));
        } else {
            answerBatch(batch, false);
        }
    }

    /** Answers a batch; {@code busy}: its blocking requests are refused (too many in flight), the rest answered. */
    private void answerBatch(List<Incoming> batch, boolean busy) {
        ArrayNode responses = Json.array();
        for (Incoming element : batch) {
            ObjectNode response = busy && dispatcher.isBlocking(element.message()) ? busy(element) : answer(element);
            if (response != null) {
                responses.add(response);
            }
        }
        if (!responses.isEmpty()) { // an all-notification batch gets nothing back
            write(responses);
        }
    }

    /** The dispatcher's answer; a failure it did not contain becomes -32603 for this request alone. */
    private ObjectNode answer(Incoming message) {
        try {
            return dispatcher.dispatch(message);
        } catch (Throwable failure) {
            contain("a request could not be answered", failure);
            return dispatcher.reject(message, RpcException.internal());
        }
    }

    private ObjectNode busy(Incoming message) {
        String what = limits.maxInFlight() + " blocking requests are already running";
        Log.warn("refused a blocking request: " + what);
        return dispatcher.reject(message, new RpcException(JsonRpc.INVALID_REQUEST,
                "Invalid request: too much work in flight (" + what + "); retry when one has been answered.",
                limits.data(WireLimits.Limit.IN_FLIGHT, what)));
    }

    private void write(JsonNode response) {
        if (response == null) {
            return;
        }
        try {
            writer.write(response, false);
        } catch (Throwable failure) { // e.g. a result that cannot be written as JSON
            contain("a response could not be written", failure);
            JsonNode id = response instanceof ObjectNode object ? object.get("id") : null;
            writer.write(JsonRpc.error(id, RpcException.internal()), false);
        }
    }

    private void runBlocking(Runnable work, Runnable refuse) {
        if (!blockingSlots.tryAcquire()) {
            refuse.run();
            return;
        }
        inFlight.register();
        try {
            blockingPool.execute(() -> {
                try {
                    work.run();
                    writer.flush();
                } catch (Throwable failure) {
                    contain("a blocking request failed", failure);
                } finally {
                    blockingSlots.release();
                    inFlight.arriveAndDeregister();
                }
            });
        } catch (Throwable failure) { // no thread could be started: refuse rather than lose the request
            blockingSlots.release();
            inFlight.arriveAndDeregister();
            contain("a blocking request could not be started", failure);
            refuse.run();
        }
    }

    private void contain(String what, Throwable failure) {
        try {
            Log.error(what, failure);
        } catch (Throwable logFailed) {
            unlogged.incrementAndGet(); // stderr itself failed (or no memory to format): count, carry on
        }
    }
}
