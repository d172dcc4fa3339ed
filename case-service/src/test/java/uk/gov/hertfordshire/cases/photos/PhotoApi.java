package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Calls case-service on its own port as a client would: cases, multipart photo uploads, reads. */
final class PhotoApi {

    static final String WEB_CASE =
            """
            {"serviceCode":"pothole","channel":"web",\
            "location":{"latitude":51.7520,"longitude":-0.3360},\
            "attributes":{"where":"road","depth":"over-100mm","size":"under-300mm"}}""";

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    PhotoApi(int port) {
        this.port = port;
    }

    /** A new web case of the citizen's; returns its path, {@code /api/cases/{id}}. */
    String caseOf(TestIssuer.TokenBuilder citizen) throws Exception {
        HttpResponse<String> created =
                http.send(
                        HttpRequest.newBuilder(uri("/api/cases"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", citizen.bearer())
                                .POST(HttpRequest.BodyPublishers.ofString(WEB_CASE))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow();
    }

    /** One multipart upload, the file in part {@code photo}; a fresh random boundary each time. */
    HttpResponse<String> upload(
            String casePath,
            TestIssuer.TokenBuilder token,
            String contentType,
            String filename,
            byte[] content)
            throws Exception {
        return upload(casePath, token, new Part("photo", filename, contentType, content), null);
    }

    HttpResponse<String> upload(
            String casePath, TestIssuer.TokenBuilder token, Part part, String idempotencyKey)
            throws Exception {
        String boundary = "----photo-test-" + UUID.randomUUID();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(casePath + "/photos"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, part)));
        if (token != null) {
            request.header("Authorization", token.bearer());
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JPEG upload that must succeed; returns the new photo's path. */
    String uploaded(String casePath, TestIssuer.TokenBuilder token, byte[] jpeg) throws Exception {
        HttpResponse<String> response = upload(casePath, token, "image/jpeg", "photo.jpg", jpeg);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> get(String path, TestIssuer.TokenBuilder token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", token.bearer()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path, TestIssuer.TokenBuilder token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", token.bearer()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static UUID idOf(String path) {
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }

    /** One part of a multipart/form-data body (RFC 7578). */
    record Part(String name, String filename, String contentType, byte[] content) {}

    static byte[] multipart(String boundary, Part... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder();
            head.append("--").append(boundary).append("\r\n");
            head.append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.filename() != null) {
                head.append("; filename=\"").append(part.filename()).append('"');
            }
            head.append("\r\n");
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            head.append("\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
