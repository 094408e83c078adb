/** Step 3 of the throughput floor (see WireFloor): + digest, plan id and plan_created written. */
public final class WireDigest {
    public static void main(String[] args) throws Exception {
        WireFloor.run(3);
    }
}
