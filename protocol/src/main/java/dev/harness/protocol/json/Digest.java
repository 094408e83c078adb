package dev.harness.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The suite's one digest format: sha256 as 64 lowercase hex digits, no prefix (schemas pin
 * {@code ^[0-9a-f]{64}$}). A JSON value is digested through its {@link CanonicalJson} text, so key
 * order and whitespace never change a digest and any change of a value does. What an approval
 * records is {@code Digest.ofJson(packets)}.
 */
public final class Digest {
    private Digest() {}

    /** sha256 of the value's canonical JSON (UTF-8). */
    public static String ofJson(JsonNode value) {
        return of(CanonicalJson.write(value).getBytes(StandardCharsets.UTF_8));
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** sha256 of a file's bytes, streamed (a large file is not read into memory). */
    public static String ofFile(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True for a digest in the one format (64 lowercase hex digits). */
    public static boolean isWellFormed(String digest) {
        if (digest == null || digest.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = digest.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a digest written by an older build in either format ({@code sha256:<hex>} or bare hex)
     * as the one format, so an approval recorded before the formats were unified still matches.
     */
    public static String normalize(String digest) {
        if (digest == null) {
            return null;
        }
        String bare = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return bare.toLowerCase(java.util.Locale.ROOT);
    }

    /** Looked up once: getInstance searches the security providers on every call (about 1% of a decompose). */
    private static final MessageDigest SHA256 = lookUp();

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A fresh digest (a clone of the untouched prototype: safe on any thread). */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp(); // a provider whose digest cannot be cloned: look it up each time, as before
        }
    }
}
