-- The catalogue managed by ADMIN (issue 4, item 1): each service's questions ("attributes", with
-- Open311 GeoReport v2's datatypes and allowed values), a version for optimistic concurrency,
-- withdrawal, and which version has been published as ServiceDefinitionChanged.
--
-- version           bumped by every change; the API's ETag ("3") and If-Match.
-- published_version the version last appended to the outbox as ServiceDefinitionChanged, in the
--                   same transaction as the change; NULL: never published. At start-up the service
--                   publishes every row whose version differs (the seeded rows below), once.
-- withdrawn_at      a withdrawn service takes no new cases; its code stays, so old cases keep it
--                   and a code is never reused.
ALTER TABLE catalogue_service
    ADD COLUMN version           integer     NOT NULL DEFAULT 1 CHECK (version > 0),
    ADD COLUMN published_version integer CHECK (published_version > 0),
    ADD COLUMN withdrawn_at      timestamptz,
    ADD COLUMN changed_at        timestamptz NOT NULL DEFAULT now();

ALTER TABLE catalogue_service
    ADD CONSTRAINT catalogue_service_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    ADD CONSTRAINT catalogue_service_group_length CHECK (char_length(service_group) BETWEEN 1 AND 60),
    ADD CONSTRAINT catalogue_service_description_length CHECK (char_length(description) BETWEEN 1 AND 1000),
    ADD CONSTRAINT catalogue_service_keywords_length CHECK (char_length(keywords) <= 250),
    -- Personal services (about a person) are never public; Open311 lists and shows what it offers.
    ADD CONSTRAINT catalogue_service_open311_public_realm CHECK (public_realm OR NOT available_open311);

-- The questions asked when a case of the service is reported, in their order. Datatypes are
-- Open311's; a list type has allowed values below, other types none (checked by the application).
CREATE TABLE catalogue_attribute (
    service_code text    NOT NULL REFERENCES catalogue_service (code),
    code         text    NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    datatype     text    NOT NULL CHECK (datatype IN
        ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required     boolean NOT NULL,
    description  text    NOT NULL CHECK (char_length(description) BETWEEN 1 AND 300),
    position     integer NOT NULL CHECK (position > 0),
    PRIMARY KEY (service_code, code),
    UNIQUE (service_code, position)
);

CREATE TABLE catalogue_attribute_value (
    service_code   text    NOT NULL,
    attribute_code text    NOT NULL,
    key            text    NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    name           text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    position       integer NOT NULL CHECK (position > 0),
    PRIMARY KEY (service_code, attribute_code, key),
    UNIQUE (service_code, attribute_code, position),
    FOREIGN KEY (service_code, attribute_code)
        REFERENCES catalogue_attribute (service_code, code) ON DELETE CASCADE
);

INSERT INTO catalogue_attribute (service_code, code, datatype, required, description, position) VALUES
('pothole', 'where', 'singlevaluelist', true, 'Where is the pothole?', 1),
('pothole', 'depth', 'singlevaluelist', true, 'About how deep is it?', 2),
('pothole', 'size', 'singlevaluelist', true, 'About how wide is it?', 3),
('street-light', 'column_number', 'string', false,
 'What is the number on the lamp column? It is usually on a small plate about head height.', 1),
('street-light', 'fault', 'singlevaluelist', true, 'What is wrong with the light?', 2),
('drain-flooding', 'water_entering_property', 'singlevaluelist', true,
 'Is water entering a home or other building?', 1),
('drain-flooding', 'road_passable', 'singlevaluelist', true, 'Can vehicles still get through?', 2),
('road-sign', 'sign_problem', 'singlevaluelist', true, 'What is wrong with the sign?', 1),
('overgrown-vegetation', 'blocking', 'multivaluelist', true, 'What is it blocking?', 1),
('fly-tipping-highway', 'waste_type', 'multivaluelist', true, 'What has been dumped?', 1),
('fly-tipping-highway', 'amount', 'singlevaluelist', true, 'About how much is there?', 2),
('rights-of-way', 'path_number', 'string', false,
 'What is the path''s number, if you know it? It is on the signpost where the path leaves the road.', 1),
('rights-of-way', 'problem', 'singlevaluelist', true, 'What is the problem?', 2),
('blue-badge', 'applicant_type', 'singlevaluelist', true, 'Who is applying?', 1),
('blue-badge', 'application_kind', 'singlevaluelist', true, 'Is this a new badge or a renewal?', 2),
('blue-badge', 'existing_badge_number', 'string', false,
 'If you are renewing, what is the number on your current badge?', 3),
('school-transport', 'school_name', 'string', true, 'Which school will the child attend?', 1),
('school-transport', 'year_group', 'singlevaluelist', true,
 'Which year group will the child be in when transport starts?', 2),
('school-transport', 'distance_miles', 'number', false,
 'About how far is the walk from home to school, in miles?', 3),
('school-transport', 'start_date', 'datetime', false, 'From when is transport needed?', 4),
('library-membership', 'membership_type', 'singlevaluelist', true, 'Which membership is it for?', 1),
('library-membership', 'home_library', 'string', false, 'Which library will you use most?', 2);

INSERT INTO catalogue_attribute_value (service_code, attribute_code, key, name, position) VALUES
('pothole', 'where', 'road', 'On the road', 1),
('pothole', 'where', 'pavement', 'On the pavement', 2),
('pothole', 'where', 'cycle-lane', 'In a cycle lane', 3),
('pothole', 'depth', 'under-40mm', 'Less than 40 mm (about the height of a matchbox)', 1),
('pothole', 'depth', '40-to-100mm', 'Between 40 mm and 100 mm', 2),
('pothole', 'depth', 'over-100mm', 'More than 100 mm (deeper than a hand is wide)', 3),
('pothole', 'size', 'under-300mm', 'Smaller than a dinner plate (under 300 mm)', 1),
('pothole', 'size', '300mm-to-1m', 'Between 300 mm and 1 metre', 2),
('pothole', 'size', 'over-1m', 'More than 1 metre across', 3),
('street-light', 'fault', 'out', 'Not lit at night', 1),
('street-light', 'fault', 'flickering', 'Flickering or going on and off', 2),
('street-light', 'fault', 'on-in-daytime', 'On during the day', 3),
('street-light', 'fault', 'damaged', 'Column or lantern damaged, or wires showing', 4),
('drain-flooding', 'water_entering_property', 'yes', 'Yes', 1),
('drain-flooding', 'water_entering_property', 'no', 'No', 2),
('drain-flooding', 'water_entering_property', 'not-sure', 'Not sure', 3),
('drain-flooding', 'road_passable', 'yes', 'Yes, with care', 1),
('drain-flooding', 'road_passable', 'no', 'No, the road is impassable', 2),
('road-sign', 'sign_problem', 'damaged', 'Damaged or broken', 1),
('road-sign', 'sign_problem', 'missing', 'Missing', 2),
('road-sign', 'sign_problem', 'dirty', 'Dirty or hard to read', 3),
('road-sign', 'sign_problem', 'turned', 'Turned or pointing the wrong way', 4),
('overgrown-vegetation', 'blocking', 'road', 'The road', 1),
('overgrown-vegetation', 'blocking', 'pavement', 'The pavement', 2),
('overgrown-vegetation', 'blocking', 'sign', 'A road sign', 3),
('overgrown-vegetation', 'blocking', 'street-light', 'A street light', 4),
('overgrown-vegetation', 'blocking', 'sight-line', 'The view at a junction or bend', 5),
('fly-tipping-highway', 'waste_type', 'household', 'Household rubbish', 1),
('fly-tipping-highway', 'waste_type', 'garden', 'Garden waste', 2),
('fly-tipping-highway', 'waste_type', 'building', 'Building rubble', 3),
('fly-tipping-highway', 'waste_type', 'tyres', 'Tyres', 4),
('fly-tipping-highway', 'waste_type', 'asbestos', 'Possible asbestos (do not touch)', 5),
('fly-tipping-highway', 'waste_type', 'other', 'Something else', 6),
('fly-tipping-highway', 'amount', 'single-item', 'A single item or bag', 1),
('fly-tipping-highway', 'amount', 'car-boot', 'A car boot load', 2),
('fly-tipping-highway', 'amount', 'van-load', 'A van load', 3),
('fly-tipping-highway', 'amount', 'lorry-load', 'A lorry load or more', 4),
('rights-of-way', 'problem', 'blocked', 'Blocked or obstructed', 1),
('rights-of-way', 'problem', 'overgrown', 'Overgrown', 2),
('rights-of-way', 'problem', 'stile-or-gate', 'Broken stile or gate', 3),
('rights-of-way', 'problem', 'surface', 'Damaged or flooded surface', 4),
('rights-of-way', 'problem', 'signpost', 'Missing or damaged signpost', 5),
('blue-badge', 'applicant_type', 'self', 'I am applying for myself', 1),
('blue-badge', 'applicant_type', 'on-behalf', 'I am applying for someone else', 2),
('blue-badge', 'applicant_type', 'organisation', 'An organisation that transports disabled people', 3),
('blue-badge', 'application_kind', 'new', 'A new badge', 1),
('blue-badge', 'application_kind', 'renewal', 'A renewal', 2),
('school-transport', 'year_group', 'reception', 'Reception', 1),
('school-transport', 'year_group', 'year-1', 'Year 1', 2),
('school-transport', 'year_group', 'year-2', 'Year 2', 3),
('school-transport', 'year_group', 'year-3', 'Year 3', 4),
('school-transport', 'year_group', 'year-4', 'Year 4', 5),
('school-transport', 'year_group', 'year-5', 'Year 5', 6),
('school-transport', 'year_group', 'year-6', 'Year 6', 7),
('school-transport', 'year_group', 'year-7', 'Year 7', 8),
('school-transport', 'year_group', 'year-8', 'Year 8', 9),
('school-transport', 'year_group', 'year-9', 'Year 9', 10),
('school-transport', 'year_group', 'year-10', 'Year 10', 11),
('school-transport', 'year_group', 'year-11', 'Year 11', 12),
('school-transport', 'year_group', 'year-12', 'Year 12 (sixth form)', 13),
('school-transport', 'year_group', 'year-13', 'Year 13 (sixth form)', 14),
('library-membership', 'membership_type', 'adult', 'Adult', 1),
('library-membership', 'membership_type', 'child', 'Child (under 16)', 2),
('library-membership', 'membership_type', 'concession', 'Concession (over 60, or receiving benefits)', 3);
