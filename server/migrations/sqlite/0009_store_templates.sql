-- Store templates: named, versioned profiles (type, plans, tags, notes) that stores are created
-- from. A store remembers its template and the version whose plans it has (drift: an older one).
CREATE TABLE store_templates (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    description   TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL,
    tags          TEXT NOT NULL DEFAULT '[]',
    notes         TEXT NOT NULL DEFAULT '',
    hardware_plan TEXT NOT NULL DEFAULT '{}',
    network_plan  TEXT NOT NULL DEFAULT '[]',
    version       INTEGER NOT NULL CHECK (version >= 1),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL DEFAULT ''
);

-- A template that stores follow cannot be deleted (the service says how many; this is the backstop).
ALTER TABLE stores ADD COLUMN template_id TEXT REFERENCES store_templates (id);
ALTER TABLE stores ADD COLUMN template_version INTEGER CHECK (template_version >= 1);
CREATE INDEX stores_template_idx ON stores (template_id, template_version) WHERE template_id IS NOT NULL;
