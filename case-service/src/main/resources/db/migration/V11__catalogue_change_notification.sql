-- Every instance of case-service holds the catalogue in memory and forgets it when PostgreSQL says
-- it changed (CatalogueChanges, ADR 23). The notice comes from the tables themselves, so every
-- writer is covered: the API, a migration, an operator's SQL. NOTIFY is sent when the writing
-- transaction commits, and not at all if it rolls back.
CREATE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalogue_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER catalogue_service_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_service
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();

CREATE TRIGGER catalogue_attribute_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_attribute
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();

CREATE TRIGGER catalogue_attribute_value_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_attribute_value
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
