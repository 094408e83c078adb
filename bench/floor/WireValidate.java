/** Step 2 of the throughput floor (see WireFloor): + request, result and plan_created validated. */
public final class WireValidate {
    public static void main(String[] args) throws Exception {
        WireFloor.run(2);
    }
}
