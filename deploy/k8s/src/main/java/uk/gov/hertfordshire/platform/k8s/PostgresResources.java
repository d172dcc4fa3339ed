package uk.gov.hertfordshire.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * CloudNativePG's custom resources ({@code postgresql.cnpg.io/v1}): one cluster, a login role and a
 * database per service that owns data, and a nightly base backup to an S3-compatible object store
 * with continuous WAL archiving (deploy/k8s/README.md names the bucket and the Secret).
 */
final class PostgresResources {

    static final String API_VERSION = "postgresql.cnpg.io/v1";

    /** PostgreSQL 17, the major version the local platform and the tests run. */
    static final String IMAGE = "ghcr.io/cloudnative-pg/postgresql:17.5";

    static final String BACKUP_DESTINATION = "s3://hertfordshire-platform-backups/postgres";
    static final String BACKUP_RETENTION = "30d";

    private PostgresResources() {}

    static List<GenericKubernetesResource> of(Topology topology) {
        List<Map<String, Object>> roles = new ArrayList<>();
        List<GenericKubernetesResource> databases = new ArrayList<>();
        for (Component service : topology.services()) {
            if (service.ownedDatabase().isEmpty()) {
                continue;
            }
            String database = service.database();
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("name", database);
            role.put("ensure", "present");
            role.put("login", true);
            role.put("passwordSecret", Map.of("name", Names.databaseSecret(service)));
            roles.add(role);
            if (service.runtimeRole() != null) {
                Map<String, Object> runtime = new LinkedHashMap<>();
                runtime.put("name", service.runtimeRole());
                runtime.put("ensure", "present");
                runtime.put("login", true);
                runtime.put("passwordSecret", Map.of("name", Names.runtimeRoleSecret(service)));
                roles.add(runtime);
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", database);
            spec.put("owner", database);
            spec.put("cluster", Map.of("name", Names.POSTGRES_CLUSTER));
            databases.add(resource("Database", service.name(), spec));
        }

        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("accessKeyId", Map.of("name", Names.BACKUP_SECRET, "key", "ACCESS_KEY_ID"));
        credentials.put(
                "secretAccessKey", Map.of("name", Names.BACKUP_SECRET, "key", "ACCESS_SECRET_KEY"));
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("destinationPath", BACKUP_DESTINATION);
        store.put("s3Credentials", credentials);
        store.put("wal", Map.of("compression", "gzip"));
        store.put("data", Map.of("compression", "gzip"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("instances", topology.postgresInstances().cluster());
        spec.put("imageName", IMAGE);
        spec.put("storage", Map.of("size", "20Gi"));
        spec.put("managed", Map.of("roles", roles));
        spec.put("backup", Map.of("barmanObjectStore", store, "retentionPolicy", BACKUP_RETENTION));
        spec.put("monitoring", Map.of("enablePodMonitor", true));

        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("schedule", "0 0 2 * * *");
        schedule.put("backupOwnerReference", "self");
        schedule.put("cluster", Map.of("name", Names.POSTGRES_CLUSTER));

        List<GenericKubernetesResource> resources = new ArrayList<>();
        resources.add(resource("Cluster", Names.POSTGRES_CLUSTER, spec));
        resources.add(resource("ScheduledBackup", Names.POSTGRES_CLUSTER + "-nightly", schedule));
        resources.addAll(databases);
        return resources;
    }

    private static GenericKubernetesResource resource(
            String kind, String name, Map<String, Object> spec) {
        return KafkaResources.resource(API_VERSION, kind, name, Map.of(), spec);
    }
}
