-- The county's service catalogue: what citizens can report or request, through which channels,
-- and how fast the council aims to respond. Seeded with Hertfordshire County Council services
-- (highways, rights of way, blue badges, school transport, libraries).
CREATE TABLE catalogue_service (
    code                 text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    name                 text    NOT NULL,
    service_group        text    NOT NULL,
    description          text    NOT NULL,
    keywords             text    NOT NULL DEFAULT '',
    response_target      integer NOT NULL CHECK (response_target > 0),
    response_unit        text    NOT NULL CHECK (response_unit IN ('working_hours', 'working_days')),
    responsible_team     text    NOT NULL,
    fee_pence            integer CHECK (fee_pence >= 0),
    available_online     boolean NOT NULL,
    available_open311    boolean NOT NULL,
    public_realm         boolean NOT NULL
);

INSERT INTO catalogue_service VALUES
('pothole', 'Pothole or damaged road surface', 'Highways',
 'A hole, crack or sunken area in a road or cycle lane.', 'pothole, road, surface, crack', 5, 'working_days', 'HWY-INSPECT', NULL, true, true, true),
('street-light', 'Street light not working', 'Highways',
 'A street light that is out, flickering, on in daytime or damaged.', 'lamp, lighting, dark', 10, 'working_days', 'HWY-LIGHTING', NULL, true, true, true),
('drain-flooding', 'Blocked drain or flooding on a road', 'Highways',
 'Standing water, a blocked gully or flooding on a road or pavement.', 'drain, gully, flood, water', 24, 'working_hours', 'HWY-DRAINAGE', NULL, true, true, true),
('road-sign', 'Damaged or missing road sign', 'Highways',
 'A traffic sign that is damaged, dirty, turned or missing.', 'sign, bollard', 10, 'working_days', 'HWY-INSPECT', NULL, true, true, true),
('overgrown-vegetation', 'Overgrown trees or hedges on a highway', 'Highways',
 'Vegetation blocking a road, pavement, sign or sight line.', 'hedge, tree, bush, overgrown', 15, 'working_days', 'HWY-VERGES', NULL, true, true, true),
('fly-tipping-highway', 'Fly-tipping on a highway', 'Highways',
 'Waste dumped on a road, verge or lay-by.', 'rubbish, dumping, waste', 3, 'working_days', 'HWY-ENFORCE', NULL, true, true, true),
('rights-of-way', 'Problem on a public footpath or bridleway', 'Rights of way',
 'A blocked, overgrown or damaged public right of way, stile or gate.', 'footpath, bridleway, stile, gate', 20, 'working_days', 'ROW', NULL, true, true, true),
('blue-badge', 'Apply for a Blue Badge', 'Parking and travel',
 'A parking permit for disabled people. A fee applies when the badge is issued.', 'disabled, parking, permit', 30, 'working_days', 'BLUE-BADGE', 1000, true, false, false),
('school-transport', 'Apply for school transport', 'Schools',
 'Free or assisted transport to school for eligible children.', 'bus, school, travel', 20, 'working_days', 'SCHOOL-TRANSPORT', NULL, true, false, false),
('library-membership', 'Join the library', 'Libraries',
 'Library membership for borrowing books, e-books and using computers.', 'library, books, membership', 2, 'working_days', 'LIBRARIES', NULL, true, false, false);
