package uk.gov.hertfordshire.content.catalogue;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;

/**
 * The service catalogue as case-service last announced it: the codes content may say it answers.
 * Content-service never reads case-service's tables; it keeps the latest {@code
 * service-definition-changed} per code.
 */
@Repository
public class KnownServices {

    private final JdbcClient jdbc;
    private final EventSerializer serializer = new EventSerializer();

    KnownServices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Applies a catalogue change; runs in the inbox transaction. A change older than the one held
     * is ignored, so a late redelivery cannot bring a withdrawn service back.
     */
    void apply(ReceivedEvent event) {
        if (!ServiceDefinitionChanged.TYPE.type().equals(event.type())) {
            return;
        }
        ServiceDefinitionChanged changed =
                serializer.fromJson(event.data(), ServiceDefinitionChanged.class);
        jdbc.sql(
                        "INSERT INTO catalogue_service (code, name, withdrawn, changed_at)"
                                + " VALUES (:code, :name, :withdrawn, :changedAt)"
                                + " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
                                + " withdrawn = EXCLUDED.withdrawn, changed_at ="
                                + " EXCLUDED.changed_at WHERE catalogue_service.changed_at <="
                                + " EXCLUDED.changed_at")
                .param("code", changed.serviceCode())
                .param("name", changed.name())
                .param("withdrawn", changed.withdrawn())
                .param("changedAt", Timestamp.from(changed.changedAt()))
                .update();
    }

    /** Those of the codes that are not services citizens can use today (unknown or withdrawn). */
    public List<String> unknown(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        Set<String> known =
                Set.copyOf(
                        jdbc.sql(
                                        "SELECT code FROM catalogue_service WHERE NOT withdrawn"
                                                + " AND code = ANY (:codes)")
                                .param("codes", codes.toArray(String[]::new))
                                .query(String.class)
                                .list());
        return codes.stream().filter(code -> !known.contains(code)).distinct().toList();
    }
}
