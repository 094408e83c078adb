import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The start-up floor of a JVM that speaks JSON with Jackson (bench/startup.py): reads one request
 * line, parses it into a tree and writes one response line, {"jsonrpc","id","result": params}.
 * No contract, no validation, no service logic.
 */
public class JsonLine {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        JsonNode request = mapper.readTree(line);
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", request.get("id"));
        response.set("result", request.get("params"));
        try (OutputStream out = new FileOutputStream(FileDescriptor.out)) {
            out.write(mapper.writeValueAsBytes(response));
            out.write('\n');
        }
    }
}
