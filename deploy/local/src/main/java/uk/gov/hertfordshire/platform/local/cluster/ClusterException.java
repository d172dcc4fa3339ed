package uk.gov.hertfordshire.platform.local.cluster;

/** The cluster could not be brought up (an instance exited, timed out, or a port is taken). */
public final class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }
}
