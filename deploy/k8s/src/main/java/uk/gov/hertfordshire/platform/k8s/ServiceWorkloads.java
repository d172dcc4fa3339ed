package uk.gov.hertfordshire.platform.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.gov.hertfordshire.platform.topology.Component;

/**
 * One service's workload: its Deployment, Service, autoscaler, disruption budget and
 * ServiceMonitor.
 */
final class ServiceWorkloads {

    /**
     * The local platform's JVM settings (docs/benchmarks/jvm-settings.md), which the memory figures
     * below were measured with; a container stops on running out of memory so Kubernetes restarts
     * it rather than it limping on.
     */
    static final String JVM_OPTIONS =
            "-Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m"
                    + " -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1"
                    + " -XX:+ExitOnOutOfMemoryError";

    /**
     * The services on every case submission's path run the full tiered compiler (C2), as the local
     * platform's do (ADR 43): about a third less CPU per submission in each once it has compiled,
     * for about 50 MB more resident each, hence their larger memory request.
     */
    static final Set<String> FULL_COMPILER = Set.of("gateway", ServiceWorkloads.CASE_SERVICE);

    static final String FULL_COMPILER_MEMORY_REQUEST = "384Mi";

    /**
     * Each service JVM settled at 215-245 MB resident and about 280 MB after the benchmarks' load
     * (docs/benchmarks/platform-startup.md, jvm-settings.md): the request covers the loaded figure,
     * the limit the JVM's ceilings (heap, metaspace, code cache) with room for threads.
     */
    static final String MEMORY_REQUEST = "320Mi";

    static final String MEMORY_LIMIT = "640Mi";
    static final String CPU_REQUEST = "250m";
    static final int MAX_REPLICAS = 4;
    static final int CPU_TARGET_PERCENT = 70;

    /** care-service encrypts with keys the deployment provides, from this Secret (ADR 12). */
    static final String CARE_SERVICE = "care-service";

    static final String CASE_SERVICE = "case-service";

    static final String CARE_KEYS_SECRET = "care-service-keys";
    static final String CARE_KEYS_MOUNT = "/etc/care-service-keys";

    private ServiceWorkloads() {}

    static List<HasMetadata> of(Component service) {
        return List.of(
                deployment(service),
                service(service),
                autoscaler(service),
                disruptionBudget(service),
                serviceMonitor(service));
    }

    private static HasMetadata deployment(Component service) {
        String name = service.name();
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Names.labels(name))
                .endMetadata()
                .withNewSpec()
                .withReplicas(service.replicas().cluster())
                .withNewSelector()
                .withMatchLabels(Names.selector(name))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Names.labels(name))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(Names.RUN_AS)
                .withRunAsGroup(Names.RUN_AS)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(service))
                .withVolumes(volumes(service))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(Component service) {
        return new ContainerBuilder()
                .withName(service.name())
                .withImage(Names.image(service))
                .withImagePullPolicy("IfNotPresent")
                .withPorts(containerPorts(service))
                .withEnv(environment(service))
                .withVolumeMounts(mounts(service))
                .withStartupProbe(probe(service, service.liveness(), 5, 36))
                .withLivenessProbe(probe(service, service.liveness(), 10, 3))
                .withReadinessProbe(probe(service, service.readiness(), 5, 3))
                .withNewResources()
                .withRequests(
                        Map.of(
                                "cpu",
                                new Quantity(CPU_REQUEST),
                                "memory",
                                new Quantity(
                                        FULL_COMPILER.contains(service.name())
                                                ? FULL_COMPILER_MEMORY_REQUEST
                                                : MEMORY_REQUEST)))
                .withLimits(Map.of("memory", new Quantity(MEMORY_LIMIT)))
                .endResources()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .build();
    }

    private static List<ContainerPort> containerPorts(Component service) {
        List<ContainerPort> ports = new ArrayList<>();
        ports.add(
                new ContainerPortBuilder()
                        .withName("http")
                        .withContainerPort(service.port())
                        .build());
        if (service.managementPort() != 0) {
            ports.add(
                    new ContainerPortBuilder()
                            .withName("management")
                            .withContainerPort(service.managementPort())
                            .build());
        }
        return ports;
    }

    /** The port name the actuator answers on. */
    static String actuatorPortName(Component service) {
        return service.managementPort() != 0 ? "management" : "http";
    }

    private static Probe probe(Component service, String path, int period, int failures) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(actuatorPortName(service)))
                .endHttpGet()
                .withPeriodSeconds(period)
                .withFailureThreshold(failures)
                .withTimeoutSeconds(2)
                .build();
    }

    /** {@link #JVM_OPTIONS}, without C1-only for the {@link #FULL_COMPILER} services. */
    static String jvmOptions(Component service) {
        return FULL_COMPILER.contains(service.name())
                ? JVM_OPTIONS.replace(" -XX:TieredStopAtLevel=1", "")
                : JVM_OPTIONS;
    }

    private static List<EnvVar> environment(Component service) {
        List<EnvVar> env = new ArrayList<>();
        env.add(value("JAVA_TOOL_OPTIONS", jvmOptions(service)));
        // The platform's Kubernetes settings, then the environment's (later wins); both must be
        // there, so a pod without its environment's ConfigMap does not start on local defaults.
        env.add(
                value(
                        "SPRING_CONFIG_ADDITIONAL_LOCATION",
                        "file:" + Names.CONFIG_MOUNT + "/,file:" + Names.ENVIRONMENT_MOUNT + "/"));
        if (service.name().equals(CASE_SERVICE)) {
            // GOV.UK Pay's address and return URL are the environment's; the key is a Secret.
            env.add(
                    secret(
                            "PLATFORM_CASES_PAYMENTS_GOVUKPAY_APIKEY",
                            Names.GOVUK_PAY_SECRET,
                            "api-key"));
        }
        if (service.name().equals(NetworkPolicies.SAP_ADAPTER)) {
            // SAP's addresses are the environment's; its communication user is a Secret.
            env.add(secret("PLATFORM_SAP_USER", Names.SAP_SECRET, "user"));
            env.add(secret("PLATFORM_SAP_PASSWORD", Names.SAP_SECRET, "password"));
        }
        if (service.ownedDatabase().isEmpty()) {
            if (service.usesKafka()) {
                // The gateway follows cases.events for its catalogue cache (ADR 42).
                env.add(kafkaLogin(service));
            }
            return env;
        }
        String url = "jdbc:postgresql://" + Names.POSTGRES_RW + ":5432/" + service.database();
        env.add(value("SPRING_DATASOURCE_URL", url));
        String owner = Names.databaseSecret(service);
        String login = service.runtimeRole() == null ? owner : Names.runtimeRoleSecret(service);
        env.add(secret("SPRING_DATASOURCE_USERNAME", login, "username"));
        env.add(secret("SPRING_DATASOURCE_PASSWORD", login, "password"));
        if (service.runtimeRole() != null) {
            // Flyway migrates as the owner; the service runs as the narrower role (ADR 12).
            env.add(secret("SPRING_FLYWAY_USER", owner, "username"));
            env.add(secret("SPRING_FLYWAY_PASSWORD", owner, "password"));
        }
        env.add(kafkaLogin(service));
        if (service.name().equals(CARE_SERVICE)) {
            // The data keys are the deployment's own (never generated in a pod): a Secret.
            env.add(value("PLATFORM_CARE_KEYS_FILE", CARE_KEYS_MOUNT + "/keys.properties"));
            env.add(value("PLATFORM_CARE_KEYS_CREATE_IF_MISSING", "false"));
        }
        return env;
    }

    /** Strimzi's user operator writes the KafkaUser's Secret, named after the user. */
    private static EnvVar kafkaLogin(Component service) {
        return secret(
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", service.name(), "sasl.jaas.config");
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar secret(String name, String secret, String key) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret)
                .withKey(key)
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    private static List<VolumeMount> mounts(Component service) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        mounts.add(
                new VolumeMountBuilder()
                        .withName("config")
                        .withMountPath(Names.CONFIG_MOUNT)
                        .withReadOnly(true)
                        .build());
        mounts.add(
                new VolumeMountBuilder()
                        .withName("environment")
                        .withMountPath(Names.ENVIRONMENT_MOUNT)
                        .withReadOnly(true)
                        .build());
        if (service.usesKafka()) {
            mounts.add(
                    new VolumeMountBuilder()
                            .withName("kafka-ca")
                            .withMountPath("/etc/kafka-ca")
                            .withReadOnly(true)
                            .build());
        }
        if (service.name().equals(CARE_SERVICE)) {
            mounts.add(
                    new VolumeMountBuilder()
                            .withName("care-keys")
                            .withMountPath(CARE_KEYS_MOUNT)
                            .withReadOnly(true)
                            .build());
        }
        return mounts;
    }

    private static List<Volume> volumes(Component service) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        volumes.add(
                new VolumeBuilder()
                        .withName("config")
                        .withNewConfigMap()
                        .withName(Names.CONFIG_MAP)
                        .endConfigMap()
                        .build());
        volumes.add(
                new VolumeBuilder()
                        .withName("environment")
                        .withNewConfigMap()
                        .withName(Names.ENVIRONMENT_CONFIG_MAP)
                        .endConfigMap()
                        .build());
        if (service.usesKafka()) {
            volumes.add(
                    new VolumeBuilder()
                            .withName("kafka-ca")
                            .withNewSecret()
                            .withSecretName(Names.KAFKA_CA_SECRET)
                            .endSecret()
                            .build());
        }
        if (service.name().equals(CARE_SERVICE)) {
            volumes.add(
                    new VolumeBuilder()
                            .withName("care-keys")
                            .withNewSecret()
                            .withSecretName(CARE_KEYS_SECRET)
                            .endSecret()
                            .build());
        }
        return volumes;
    }

    private static HasMetadata service(Component service) {
        List<ServicePort> ports = new ArrayList<>();
        for (ContainerPort port : containerPorts(service)) {
            ports.add(
                    new ServicePortBuilder()
                            .withName(port.getName())
                            .withPort(port.getContainerPort())
                            .withTargetPort(new IntOrString(port.getName()))
                            .build());
        }
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(service.name())
                .withLabels(Names.labels(service.name()))
                .endMetadata()
                .withNewSpec()
                .withSelector(Names.selector(service.name()))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private static HasMetadata autoscaler(Component service) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName(service.name())
                .withLabels(Names.labels(service.name()))
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(service.name())
                .endScaleTargetRef()
                .withMinReplicas(service.replicas().cluster())
                .withMaxReplicas(MAX_REPLICAS)
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(CPU_TARGET_PERCENT)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }

    private static HasMetadata disruptionBudget(Component service) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(service.name())
                .withLabels(Names.labels(service.name()))
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(Names.selector(service.name()))
                .endSelector()
                .endSpec()
                .build();
    }

    /** The Prometheus Operator's scrape of the same path the local Prometheus scrapes. */
    private static HasMetadata serviceMonitor(Component service) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("monitoring.coreos.com/v1")
                .withKind("ServiceMonitor")
                .withNewMetadata()
                .withName(service.name())
                .withLabels(Names.labels(service.name()))
                .endMetadata()
                .addToAdditionalProperties(
                        "spec",
                        Map.of(
                                "selector",
                                Map.of("matchLabels", Names.selector(service.name())),
                                "endpoints",
                                List.of(
                                        Map.of(
                                                "port",
                                                actuatorPortName(service),
                                                "path",
                                                Prometheus.SERVICE_METRICS_PATH,
                                                "interval",
                                                "15s"))))
                .build();
    }
}
