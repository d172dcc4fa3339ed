package uk.gov.hertfordshire.platform.testsupport;

import org.testcontainers.DockerClientFactory;

/** Asks whether a Docker engine answers; a docker CLI without an engine does not count. */
final class DockerEngine {

    private DockerEngine() {}

    static boolean answers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
