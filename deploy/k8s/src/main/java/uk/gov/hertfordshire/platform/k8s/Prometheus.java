package uk.gov.hertfordshire.platform.k8s;

/** Where Prometheus scrapes a service, locally (./platform's METRICS) and on Kubernetes. */
final class Prometheus {

    /** Every Spring service's metrics, on its actuator port. */
    static final String SERVICE_METRICS_PATH = "/actuator/prometheus";

    private Prometheus() {}
}
