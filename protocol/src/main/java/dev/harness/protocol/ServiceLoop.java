package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads requests line by line until EOF and writes one response per request: the reading side of
 * a service. Requests are answered in order, except those the dispatcher marks blocking, which run
 * on their own thread (at most {@link WireLimits#maxInFlight()} at once). At EOF it waits for those,
 * flushes, and returns. Nothing a line holds can end the loop: every failure while answering one
 * line — a limit, a bug, even running out of memory — is answered for that line and serving goes on.
 * Pipelined requests to methods the dispatcher marks concurrent (more input already waiting) are
 * answered on up to {@code workers} threads at once; their notifications and responses are held
 * and written strictly in request order, so the bytes on stdout are those of one-at-a-time serving.
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
    /** Threads answering pipelined concurrent requests; 1: every request is answered on the reading thread. */
    private final int workers;
    private ExecutorService pipeline;
    /** Answers being computed off the reading thread, oldest first: each one's lines are written when it is at the head. */
    private final ArrayDeque<Future<List<byte[]>>> pending = new ArrayDeque<>();

    /** More threads than this gains little (the reading thread writes every answer) and costs memory. */
    static final int MAX_WORKERS = 4;
    /** Only lines up to this size are held while others are answered: a few 16 MiB lines at once would not fit the heap. */
    static final int MAX_PIPELINED_LINE_BYTES = 64 * 1024;

    public ServiceLoop(Dispatcher dispatcher, MessageWriter writer, int maxLineBytes) {
        this(dispatcher, writer, WireLimits.DEFAULT.withMaxLineBytes(maxLineBytes));
    }

    public ServiceLoop(Dispatcher dispatcher, MessageWriter writer, WireLimits limits) {
        this(dispatcher, writer, limits, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()));
    }

    ServiceLoop(Dispatcher dispatcher, MessageWriter writer, WireLimits limits, int workers) {
        this.dispatcher = dispatcher;
        this.writer = writer;
        this.limits = limits;
        this.blockingSlots = new Semaphore(limits.maxInFlight());
        this.workers = Math.max(1, workers);
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
                handle(line, reader.hasBufferedInput());
            } catch (Throwable failure) { // a bug or no memory: this line is lost, the service is not
                contain("a line could not be answered", failure);
                writePending();
                write(JsonRpc.error(null, RpcException.internal()));
            }
            if (first) {
                StartupTrace.mark("first line answered");
                first = false;
            }
            if (!reader.hasBufferedInput()) {
                writePending();
                writer.flush(); // nothing else is waiting: let the client see the answers now
            }
        }
        writePending();
        if (pipeline != null) {
            pipeline.shutdown();
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

    /** {@code more}: further input is already waiting, so this request may be answered while the next are read. */
    void handle(LineReader.Line line, boolean more) {
        MessageParser.ParsedLine parsed;
        if (line instanceof LineReader.Line.TooLong tooLong) {
            writePending();
            String what = "a line of " + tooLong.bytes() + " bytes, over the limit of " + limits.maxLineBytes() + " bytes";
            write(JsonRpc.error(null, new RpcException(JsonRpc.INVALID_REQUEST,
                    "Invalid request: the line is longer than the limit of " + limits.maxLineBytes() + " bytes and was discarded.",
                    limits.data(WireLimits.Limit.LINE_BYTES, what))));
            return;
        }
        boolean small = false;
        if (line instanceof LineReader.Line.Undecodable bad) {
            parsed = new MessageParser.ParsedLine.Malformed(bad.reason());
        } else if (line instanceof LineReader.Line.Raw raw) {
            parsed = MessageParser.parse(raw.bytes(), raw.length(), limits);
            small = raw.length() <= MAX_PIPELINED_LINE_BYTES;
        } else {
            String text = ((LineReader.Line.Text) line).text();
            parsed = MessageParser.parse(text, limits);
            small = text.length() <= MAX_PIPELINED_LINE_BYTES / 3; // UTF-16 units; a unit is at most 3 bytes
        }
        if ((more || !pending.isEmpty()) && small && workers > 1 && parsed instanceof MessageParser.ParsedLine.Single single
                && dispatcher.isConcurrent(single.message().message())) {
            answerInTurn(single.message());
            return;
        }
        writePending(); // what is answered now comes after every request before it
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

    /**
     * Starts answering {@code message} on a pipeline thread; its lines are written in its turn.
     * At most 2 × workers answers wait: then the oldest is written first (and waited for).
     */
    private void answerInTurn(Incoming message) {
        if (pending.size() >= 2 * workers) {
            writeHead();
        }
        if (pipeline == null) {
            pipeline = Executors.newFixedThreadPool(workers, runnable -> {
                Thread thread = new Thread(runnable, "pipelined-request");
                thread.setDaemon(true);
                return thread;
            });
        }
        try {
            pending.add(pipeline.submit(() -> {
                List<byte[]> lines = new ArrayList<>(2);
                ObjectNode response = answer(message, lines);
                if (response != null) {
                    lines.add(serialized(response));
                }
                return lines;
            }));
        } catch (RejectedExecutionException noThread) { // answered here instead, after those before it
            contain("a pipelined request could not be started", noThread);
            writePending();
            write(answer(message, null));
        }
    }

    /** Writes every held answer, oldest first. */
    private void writePending() {
        while (!pending.isEmpty()) {
            writeHead();
        }
    }

    private void writeHead() {
        Future<List<byte[]>> head = pending.poll();
        List<byte[]> lines;
        boolean interrupted = false;
        while (true) {
            try {
                lines = head.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the answer is computed already or soon: it is still owed to the client
            } catch (ExecutionException e) { // only if even the -32603 could not be made (no memory)
                contain("a pipelined request could not be answered", e.getCause());
                lines = List.of(Json.writeBytes(JsonRpc.error(null, RpcException.internal())));
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (byte[] line : lines) {
            writer.writeSerialized(line, false);
        }
    }

    /** The response as written, or, when it is not writable JSON, -32603 for its id (as {@link #write} does). */
    private byte[] serialized(ObjectNode response) {
        try {
            return Json.writeBytes(response);
        } catch (Throwable failure) {
            contain("a response could not be written", failure);
            return Json.writeBytes(JsonRpc.error(response.get("id"), RpcException.internal()));
        }
    }

    private ObjectNode answer(Incoming message) {
        return answer(message, null);
    }

    /**
     * The dispatcher's answer; a failure it did not contain becomes -32603 for this request alone.
     * {@code held}: where the request's notifications go, serialised (null: written at once).
     */
    private ObjectNode answer(Incoming message, List<byte[]> held) {
        try {
            return dispatcher.dispatch(message, held);
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
