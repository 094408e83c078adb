package dev.harness.worker.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS-terminating proxy in front of a plaintext Temporal test server, as a cluster with TLS (or
 * Temporal Cloud's front door) is to a client: JDK TLS with the server's key store, ALPN "h2" (gRPC
 * needs it), optionally requiring a client certificate (mTLS) trusted from the given PEM; each
 * connection's bytes are piped to the backend port as they are.
 */
final class TlsProxy implements AutoCloseable {
    private final SSLServerSocket socket;
    private final int backend;
    /** Why connections ended badly (a refused handshake): what a test says when it expected success. */
    final List<String> failures = new CopyOnWriteArrayList<>();

    TlsProxy(Path keyStore, char[] password, Path clientCertificate, int backend) throws IOException, GeneralSecurityException {
        this.backend = backend;
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = null;
        if (clientCertificate != null) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(clientCertificate)) {
                trusted.setCertificateEntry("client", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(), null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        parameters.setNeedClientAuth(clientCertificate != null);
        socket.setSSLParameters(parameters);
        daemon(this::accept, "tls-proxy-accept").start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                daemon(() -> serve(client), "tls-proxy-connection").start();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    failures.add("accept: " + e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            ((javax.net.ssl.SSLSocket) client).startHandshake();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), backend);
            daemon(() -> pipe(upstream, client), "tls-proxy-down").start();
            pipe(client, upstream);
        } catch (IOException e) {
            failures.add(e.toString());
            close(client);
        }
    }

    /** Copies until either side ends, then closes both (the other direction's copy ends with them). */
    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the peer went away: an ordinary end of a proxied connection, not a failure of the test
            failures.add("ended: " + e.getMessage());
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
