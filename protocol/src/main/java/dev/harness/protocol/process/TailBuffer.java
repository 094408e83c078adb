package dev.harness.protocol.process;

/** A ring buffer keeping the last {@code capacity} bytes written to it and counting all of them. */
final class TailBuffer {
    private final byte[] ring;
    private int start;
    private int size;
    private long total;

    TailBuffer(int capacity) {
        this.ring = new byte[Math.max(0, capacity)];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int cap = ring.length;
        if (cap == 0) {
            return;
        }
        if (length >= cap) { // only the last cap bytes of this chunk survive
            System.arraycopy(bytes, offset + length - cap, ring, 0, cap);
            start = 0;
            size = cap;
            return;
        }
        int end = (start + size) % cap;
        int first = Math.min(length, cap - end);
        System.arraycopy(bytes, offset, ring, end, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        int overflow = size + length - cap;
        if (overflow > 0) {
            start = (start + overflow) % cap;
            size = cap;
        } else {
            size += length;
        }
    }

    synchronized Captured snapshot() {
        byte[] out = new byte[size];
        int cap = ring.length;
        if (size > 0) {
            int first = Math.min(size, cap - start);
            System.arraycopy(ring, start, out, 0, first);
            System.arraycopy(ring, 0, out, first, size - first);
        }
        return new Captured(out, total);
    }
}
