package dev.harness.systemtests.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The Temporal SDK's test server (from temporal-test-server on Maven Central) as a process bound
 * to 127.0.0.1 only — its own main listens on every interface. Real time (no time skipping), so
 * heartbeat timeouts happen as on a cluster. Prints "listening 127.0.0.1:PORT" once serving; with
 * port 0 the system picks a free one.
 */
public final class LoopbackTemporalServer {
    private LoopbackTemporalServer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Server server = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            services.close();
        }));
        System.out.println("listening 127.0.0.1:" + server.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
