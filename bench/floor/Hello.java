/** The start-up floor of any JVM (bench/startup.py): prints one line and exits. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"hello\"}");
    }
}
