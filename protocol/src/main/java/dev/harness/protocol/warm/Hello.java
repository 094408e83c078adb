package dev.harness.protocol.warm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The opening of every connection to a {@link WarmServer}: the token and the connection's role, NUL-terminated. */
record Hello(byte[] token, String role) {
    /** A token is 64 hex digits; a longer first field is not one. */
    static final int MAX_TOKEN = 128;

    static Hello read(InputStream in) throws IOException, Refused {
        byte[] token = bytes(in, MAX_TOKEN);
        return new Hello(token, field(in, 16));
    }

    /** The next NUL-terminated field as UTF-8 (what bash's printf '%s\0' writes). */
    static String field(InputStream in, int max) throws IOException, Refused {
        return new String(bytes(in, max), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(InputStream in, int max) throws IOException, Refused {
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new Refused("it ended within a field");
            }
            if (b == 0) {
                return field.toByteArray();
            }
            if (field.size() >= max) {
                throw new Refused("a field over " + max + " bytes");
            }
            field.write(b);
        }
    }

    /** What was read is not a hello (or not a session request): the connection is refused. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why, null, false, false);
        }
    }
}
