package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.KEY;
import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The credential files of auth-dir, and that nothing outside it can be reached through these endpoints. */
class AuthFileEndpointsTest {

    private ManagementFixture mgmt;

    @BeforeEach
    void start() {
        mgmt = ManagementFixture.start("");
    }

    @AfterEach
    void stop() {
        mgmt.close();
    }

    private HttpResponse<String> multipart(String fileName, String content) {
        String boundary = "----auth-files";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/json\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return mgmt.proxy().send(mgmt.request("POST", "/auth-files", null)
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void uploadedFilesAreWritten0600InA0700Folder() throws IOException {
        assertOk(multipart("a.json", "{\"type\":\"claude\"}"));
        assertOk(mgmt.call("POST", "/auth-files?name=b.json", "{\"type\":\"codex\"}"));
        for (String name : List.of("a.json", "b.json")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(mgmt.authDir().resolve(name))));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mgmt.authDir())));
        assertEquals("{\"type\":\"codex\"}", Files.readString(mgmt.authDir().resolve("b.json")));
        try (var files = Files.list(mgmt.authDir())) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aMultipartTextFieldIsNamedByTheQuery() {
        String boundary = "----text-field";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n{\"v\":3}\r\n--"
                + boundary + "--\r\n";
        assertOk(mgmt.proxy().send(mgmt.request("POST", "/auth-files?name=t.json", null)
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
        assertEquals("{\"v\":3}", mgmt.get("/auth-files/download?name=t.json").body());
    }

    @Test
    void anUploadReplacesAFileOfTheSameName() throws IOException {
        assertOk(mgmt.call("POST", "/auth-files?name=a.json", "{\"v\":1}"));
        assertOk(mgmt.call("POST", "/auth-files?name=a.json", "{\"v\":2}"));
        assertEquals("{\"v\":2}", mgmt.get("/auth-files/download?name=a.json").body());
    }

    @Test
    void downloadSendsTheFileAsAnAttachment() {
        assertOk(mgmt.call("POST", "/auth-files?name=acc.json", "{\"email\":\"a@b.c\"}"));
        HttpResponse<String> r = mgmt.get("/auth-files/download?name=acc.json");
        assertEquals(200, r.statusCode());
        assertEquals("{\"email\":\"a@b.c\"}", r.body());
        assertEquals("attachment; filename=\"acc.json\"", r.headers().firstValue("Content-Disposition").orElse(""));
    }

    @Test
    void missingFilesAre404FileNotFound() {
        assertReply(404, "{\"error\":\"file not found\"}", mgmt.get("/auth-files/download?name=none.json"));
        assertReply(404, "{\"error\":\"file not found\"}", mgmt.call("DELETE", "/auth-files?name=none.json", null));
    }

    @Test
    void deleteAllRemovesOnlyJsonFiles() throws IOException {
        assertOk(mgmt.call("POST", "/auth-files?name=a.json", "{}"));
        assertOk(mgmt.call("POST", "/auth-files?name=b.json", "{}"));
        Files.writeString(mgmt.authDir().resolve("notes.txt"), "keep me");
        assertOk(mgmt.call("DELETE", "/auth-files?all=true", null));
        assertReply(200, "{\"files\":[]}", mgmt.get("/auth-files"));
        assertTrue(Files.exists(mgmt.authDir().resolve("notes.txt")));
        assertReply(400, "{\"error\":\"missing name\"}", mgmt.call("DELETE", "/auth-files", null));
    }

    @Test
    void onlyJsonObjectsAreAccepted() {
        for (String body : List.of("not json", "[1,2]", "\"text\"", "", "{\"unclosed\":")) {
            assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("POST", "/auth-files?name=x.json", body));
        }
        assertReply(400, "{\"error\":\"invalid body\"}", multipart("x.json", "<xml/>"));
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.call("POST", "/auth-files?name=x.txt", "{}"));
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.call("POST", "/auth-files", "{}"));
        assertReply(400, "{\"error\":\"invalid name\"}", multipart("x.yaml", "{}"));
        assertReply(200, "{\"files\":[]}", mgmt.get("/auth-files"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../config.json", "..%2Fconfig.json", "%2Fetc%2Fpasswd.json", "sub%2Fx.json",
            "..%5Cx.json", "C:x.json", ".hidden.json", "a%00.json", "..", "x.json%2F..%2F..%2Fy.json"})
    void namesThatLeaveTheFolderAreRejected(String name) {
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.get("/auth-files/download?name=" + name));
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.call("DELETE", "/auth-files?name=" + name, null));
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.call("POST", "/auth-files?name=" + name, "{}"));
        assertFalse(Files.exists(mgmt.proxy().dir().resolve("config.json")));
    }

    @Test
    void aMultipartFileNameThatLeavesTheFolderIsRejected() {
        assertReply(400, "{\"error\":\"invalid name\"}", multipart("../escape.json", "{}"));
        assertReply(400, "{\"error\":\"invalid name\"}", multipart("/tmp/escape.json", "{}"));
        assertFalse(Files.exists(mgmt.proxy().dir().resolve("escape.json")));
    }

    @Test
    void linksOutOfTheFolderAreNeitherListedReadWrittenNorDeleted() throws IOException {
        Path outside = Files.writeString(mgmt.proxy().dir().resolve("outside.json"), "{\"secret\":true}");
        Files.createDirectories(mgmt.authDir());
        Files.createSymbolicLink(mgmt.authDir().resolve("link.json"), outside);
        assertReply(200, "{\"files\":[]}", mgmt.get("/auth-files"));
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.get("/auth-files/download?name=link.json"));
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.call("DELETE", "/auth-files?name=link.json", null));
        assertReply(400, "{\"error\":\"invalid name\"}", mgmt.call("POST", "/auth-files?name=link.json", "{}"));
        assertEquals("{\"secret\":true}", Files.readString(outside));
    }

    @Test
    void theListShowsNameSizeAndModificationTime() throws IOException {
        assertOk(mgmt.call("POST", "/auth-files?name=z.json", "{\"a\":1}"));
        assertOk(mgmt.call("POST", "/auth-files?name=m.json", "{}"));
        var files = ManagementFixture.json(mgmt.get("/auth-files").body()).get("files");
        assertEquals("m.json", files.get(0).get("name").asText());
        assertEquals("z.json", files.get(1).get("name").asText());
        assertEquals(7, files.get(1).get("size").asInt());
        assertEquals(java.time.Instant.parse(files.get(1).get("modtime").asText()),
                Files.getLastModifiedTime(mgmt.authDir().resolve("z.json")).toInstant()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
