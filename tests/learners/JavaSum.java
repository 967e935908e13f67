// A sum/echo server on the JDK's own HttpServer, as a beginner writes it: the sum reads
// only the query string and its handler throws when there is none (as for /sum/1/2),
// so the JDK closes that connection without an answer; the echo answers JSON built by
// hand. Run: java JavaSum.java PORT (the JDK compiles a one-file program itself).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

public class JavaSum {
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/sum", JavaSum::sum);
        server.createContext("/echo/", JavaSum::echo);
        server.start();
        System.out.println("Listening on http://127.0.0.1:" + port);
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
            String[] parts = pair.split("=");
            params.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return params;
    }

    static void sum(HttpExchange exchange) throws IOException {
        Map<String, String> params = query(exchange);
        try {
            double a = Double.parseDouble(params.get("number1"));
            double b = Double.parseDouble(params.get("number2"));
            send(exchange, 200, "{\"number1\": " + a + ", \"number2\": " + b
                    + ", \"total_sum\": " + (a + b) + ", \"status\": 200}");
        } catch (NumberFormatException | NullPointerException e) {
            send(exchange, 400, "{\"message\": \"Invalid number as addend\", \"status\": 400}");
        }
    }

    static void echo(HttpExchange exchange) throws IOException {
        String text = exchange.getRequestURI().getPath().substring("/echo/".length());
        send(exchange, 200, "{\"echo\": \"" + text + " " + text + "\"}");
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
