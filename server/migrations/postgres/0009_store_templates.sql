-- Store templates: named, versioned profiles (type, plans, tags, notes) that stores are created
-- from. A store remembers its template and the version whose plans it has (drift: an older one).
CREATE TABLE store_templates (
    id            text COLLATE "C" PRIMARY KEY,
    name          text COLLATE "C" NOT NULL UNIQUE,
    description   text NOT NULL DEFAULT '',
    type          text COLLATE "C" NOT NULL,
    tags          jsonb NOT NULL DEFAULT '[]',
    notes         text NOT NULL DEFAULT '',
    hardware_plan jsonb NOT NULL DEFAULT '{}',
    network_plan  jsonb NOT NULL DEFAULT '[]',
    version       bigint NOT NULL CHECK (version >= 1),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    created_by    text NOT NULL DEFAULT '',
    updated_by    text NOT NULL DEFAULT ''
);

-- A template that stores follow cannot be deleted (the service says how many; this is the backstop).
ALTER TABLE stores ADD COLUMN template_id text COLLATE "C" REFERENCES store_templates (id);
ALTER TABLE stores ADD COLUMN template_version bigint CHECK (template_version >= 1);
ALTER TABLE stores ADD CONSTRAINT stores_template_pair
    CHECK ((template_id IS NULL) = (template_version IS NULL));
CREATE INDEX stores_template_idx ON stores (template_id, template_version) WHERE template_id IS NOT NULL;
