DROP TABLE person_attributes;
DROP TABLE calibration_appeals;
DROP TABLE calibration_changes;
DROP TABLE calibration_entries;
DROP TABLE calibration_participants;
DROP TABLE calibration_sessions;
