package uk.gov.hertfordshire.platform.local.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for a Spring Boot application's built jar, as ADR 47's launcher uses one, compiled
 * from source by the test. Run with {@code extract --destination <folder>} (what {@code java
 * -Djarmode=tools -jar x.jar extract} passes on), it copies itself there as Boot's extraction would
 * put the application's jar, after two minutes when a file {@code hold} is beside that folder. Run
 * otherwise, it is the application: it exits at once with status 1 if its working folder (the data
 * folder) holds a file {@code die}, and otherwise answers every request on {@code $SERVER_PORT}
 * with {@code {"status":"UP"}}, or {@code DOWN} (HTTP 503) while the data folder holds a file
 * {@code sick}.
 */
final class FakeBoot {

    private static final String SOURCE =
            """
            package boot;

            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;

            public class Main {
                public static void main(String[] args) throws Exception {
                    if (args.length == 3 && args[0].equals("extract")) {
                        Path jar = Path.of(
                                Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                        Path destination = Path.of(args[2]);
                        if (Files.exists(destination.resolveSibling("hold"))) {
                            synchronized (Main.class) {
                                Main.class.wait(120_000);
                            }
                        }
                        Files.createDirectories(destination);
                        Files.copy(jar, destination.resolve(jar.getFileName()));
                        return;
                    }
                    if (Files.exists(Path.of("die"))) {
                        System.exit(1);
                    }
                    int port = Integer.parseInt(System.getenv("SERVER_PORT"));
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                    server.createContext("/", exchange -> {
                        boolean up = !Files.exists(Path.of("sick"));
                        byte[] body = ("{\\"status\\":\\"" + (up ? "UP" : "DOWN") + "\\"}")
                                .getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(up ? 200 : 503, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    private FakeBoot() {}

    /** Compiles the stand-in and writes it as the executable jar {@code jar}. */
    static void jar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Path classes = Files.createTempDirectory(jar.getParent(), "fake-boot");
        ClassDataTest.compile(classes.resolve("classes"), "boot/Main.java", SOURCE);
        ClassDataTest.jar(classes.resolve("classes"), "boot/", jar, "boot.Main", null);
    }
}
