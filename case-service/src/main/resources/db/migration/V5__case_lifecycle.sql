-- The case lifecycle (issue 4): where the case is, who works it, what the citizen was told.
--
-- Statuses: submitted -> triaged -> assigned -> in_progress -> resolved -> closed, with reopened
-- (from resolved or closed), rejected and duplicate. The allowed transitions live in
-- lifecycle/CaseStatus and lifecycle/CaseAction; the CHECK here only keeps out unknown values.
ALTER TABLE service_case
    ADD COLUMN version           integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_at        timestamptz,
    ADD COLUMN team_code         text,
    ADD COLUMN assignee_staff_id text CHECK (assignee_staff_id ~ '^[0-9]{8}$'),
    ADD COLUMN address           text CHECK (char_length(address) <= 250),
    ADD COLUMN uprn              text CHECK (uprn ~ '^[1-9][0-9]{0,11}$'),
    ADD COLUMN postcode_district text CHECK (postcode_district ~ '^[A-Z]{1,2}[0-9][0-9A-Z]?$'),
    ADD COLUMN duplicate_of      uuid REFERENCES service_case (id),
    ADD COLUMN resolved_at       timestamptz,
    ADD COLUMN closed_at         timestamptz,
    -- when the "target approaching" / "target breached" events were emitted (each at most once
    -- per due time; a reopen with a new due time clears them)
    ADD COLUMN target_approaching_at timestamptz,
    ADD COLUMN target_breached_at    timestamptz;

ALTER TABLE service_case ADD CONSTRAINT service_case_status_known CHECK (status IN (
    'submitted', 'triaged', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened',
    'rejected', 'duplicate'));

-- Staff queues filter by status, team and assignee and sort by due time.
CREATE INDEX service_case_queue ON service_case (status, team_code, due_at);
CREATE INDEX service_case_assignee ON service_case (assignee_staff_id) WHERE assignee_staff_id IS NOT NULL;
-- Duplicate detection looks for open cases of one service submitted recently.
CREATE INDEX service_case_service_submitted ON service_case (service_code, submitted_at);

-- Everything said or done on a case, oldest first. A public row is shown to the citizen and over
-- Open311 (servicerequestupdates); an internal note (public = false) never leaves staff views.
-- status is the case's status after this update.
CREATE TABLE case_update (
    id          uuid PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES service_case (id),
    status      text        NOT NULL,
    description text        CHECK (char_length(description) <= 2000),
    public      boolean     NOT NULL,
    author      text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX case_update_case ON case_update (case_id, created_at);
CREATE INDEX case_update_public_created ON case_update (created_at) WHERE public;

-- Citizens who said "me too" to an existing case instead of reporting it again, and the
-- reporters of cases merged into it. One row per person per case.
CREATE TABLE case_supporter (
    case_id   uuid        NOT NULL REFERENCES service_case (id),
    supporter text        NOT NULL,
    channel   text        NOT NULL
        CHECK (channel IN ('web', 'app', 'open311', 'phone', 'face_to_face', 'email')),
    added_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, supporter)
);
CREATE INDEX case_supporter_supporter ON case_supporter (supporter);

-- The officer directory, kept from sap.hr.events (StaffMemberChanged). Cases are assigned to a
-- team, and optionally to an active officer in it.
CREATE TABLE staff_member (
    staff_id   text PRIMARY KEY CHECK (staff_id ~ '^[0-9]{8}$'),
    team_code  text        NOT NULL,
    roles      text[]      NOT NULL,
    active     boolean     NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX staff_member_team ON staff_member (team_code) WHERE active;
