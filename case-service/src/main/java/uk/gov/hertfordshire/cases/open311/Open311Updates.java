package uk.gov.hertfordshire.cases.open311;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.cases.lifecycle.CaseLifecycle;

/**
 * mySociety's {@code POST servicerequestupdates}, as FixMyStreet sends it: a citizen's update on a
 * request the same app sent us. The text becomes a public update on the case (through {@link
 * CaseLifecycle#relayCitizenUpdate}, with the reopen or resolve its status carries, see {@link
 * FmsStatus#carried}); the app's update_id, media_url and the time the citizen wrote it are kept in
 * {@code open311_update}, the citizen's name, email and phone in {@code case_update_reporter}, all
 * in one transaction. The same app sending the same update_id again records nothing new and gets
 * the first answer: the database's key on (app, update_id) decides, so two concurrent sends cannot
 * both record.
 */
@Service
class Open311Updates {

    /**
     * The fields of mySociety's reference server for this operation. Those the platform has no use
     * for are accepted and not kept: {@code title}, {@code account_id}, {@code
     * service_request_id_ext} (FixMyStreet's own report number), {@code service_code}, {@code
     * public_anonymity_required} (names are never shown anyway) and {@code email_alerts_requested}.
     * {@code attribute[...]} is accepted and ignored.
     */
    static final Set<String> FIELDS =
            Set.of(
                    "api_key",
                    "jurisdiction_id",
                    "service_request_id",
                    "update_id",
                    "updated_datetime",
                    "status",
                    "description",
                    "media_url",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "title",
                    "account_id",
                    "service_request_id_ext",
                    "service_code",
                    "public_anonymity_required",
                    "email_alerts_requested");

    /** What {@code case_update} holds of an update's text. */
    static final int MAX_DESCRIPTION = 2000;

    static final int MAX_UPDATE_ID = 100;

    private final CaseLifecycle lifecycle;
    private final JdbcClient jdbc;

    Open311Updates(CaseLifecycle lifecycle, JdbcClient jdbc) {
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
    }

    /**
     * @param id the stored update's id, which the app is answered
     * @param recorded false when the app had sent this update_id before (nothing new stored)
     */
    record Stored(UUID id, boolean recorded) {}

    @Transactional
    Stored post(Map<String, String[]> form, ApiKeys.ApiKeyIdentity app) {
        Open311Form fields = new Open311Form(form, FIELDS, "POST Service Request Update");
        String requestId = fields.required("service_request_id");
        String appUpdateId = fields.required("update_id");
        if (appUpdateId.length() > MAX_UPDATE_ID) {
            throw Open311Exception.badRequest(
                    "update_id is limited to " + MAX_UPDATE_ID + " characters.");
        }
        FmsStatus status = FmsStatus.fromUpdate(fields.required("status"));
        Instant writtenAt = W3cDates.parse("updated_datetime", fields.required("updated_datetime"));
        String description = fields.text("description", MAX_DESCRIPTION);
        String mediaUrl = fields.mediaUrl();
        String email = fields.email();
        String firstName = fields.limited("first_name", 100);
        String lastName = fields.limited("last_name", 100);
        String phone = fields.phone();
        fields.limited("title", 100);
        fields.limited("account_id", 200);

        UUID caseId =
                sentBy(requestId, app)
                        .orElseThrow(
                                () ->
                                        Open311Exception.notFound(
                                                "service_request_id '"
                                                        + shortened(requestId)
                                                        + "' was not found."));
        UUID updateId = UUID.randomUUID();
        Optional<UUID> claimed =
                jdbc.sql(
                                "INSERT INTO open311_update (api_key_id, app_update_id,"
                                        + " case_update_id, case_id, written_at, media_url) VALUES"
                                        + " (:key, :appUpdate, :update, :case, :written, :media)"
                                        + " ON CONFLICT (api_key_id, app_update_id) DO NOTHING"
                                        + " RETURNING case_update_id")
                        .param("key", app.id())
                        .param("appUpdate", appUpdateId)
                        .param("update", updateId)
                        .param("case", caseId)
                        .param("written", Timestamp.from(writtenAt))
                        .param("media", mediaUrl)
                        .query(UUID.class)
                        .optional();
        if (claimed.isEmpty()) {
            return new Stored(earlier(app, appUpdateId, caseId), false);
        }
        lifecycle.relayCitizenUpdate(
                caseId, updateId, description, status.carried(), writtenAt, app.submitter());
        if (email != null || firstName != null || lastName != null || phone != null) {
            jdbc.sql(
                            "INSERT INTO case_update_reporter (case_update_id, email, first_name,"
                                    + " last_name, phone) VALUES (:update, :email, :first, :last,"
                                    + " :phone)")
                    .param("update", updateId)
                    .param("email", email)
                    .param("first", firstName)
                    .param("last", lastName)
                    .param("phone", phone)
                    .update();
        }
        return new Stored(updateId, true);
    }

    /** The case behind a service_request_id, if this app sent it. */
    private Optional<UUID> sentBy(String requestId, ApiKeys.ApiKeyIdentity app) {
        UUID id;
        try {
            id = requestId.length() == 36 ? UUID.fromString(requestId) : null;
        } catch (IllegalArgumentException notOurs) {
            id = null;
        }
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql(
                        "SELECT case_id FROM open311_request WHERE case_id = :id AND api_key_id ="
                                + " :key")
                .param("id", id)
                .param("key", app.id())
                .query(UUID.class)
                .optional();
    }

    /** The update stored the first time this update_id came, which must be for the same request. */
    private UUID earlier(ApiKeys.ApiKeyIdentity app, String appUpdateId, UUID caseId) {
        Map<String, Object> first =
                jdbc.sql(
                                "SELECT case_update_id, case_id FROM open311_update WHERE"
                                        + " api_key_id = :key AND app_update_id = :appUpdate")
                        .param("key", app.id())
                        .param("appUpdate", appUpdateId)
                        .query()
                        .singleRow();
        if (!caseId.equals(first.get("case_id"))) {
            throw Open311Exception.badRequest(
                    "update_id '"
                            + shortened(appUpdateId)
                            + "' was already sent for another service_request_id.");
        }
        return (UUID) first.get("case_update_id");
    }

    private static String shortened(String value) {
        return value.length() > 60 ? value.substring(0, 60) : value;
    }
}
