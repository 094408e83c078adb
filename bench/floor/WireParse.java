/** Step 1 of the throughput floor (see WireFloor): parse, fixed packets, write. */
public final class WireParse {
    public static void main(String[] args) throws Exception {
        WireFloor.run(1);
    }
}
