-- Report settings made by admins on the console's レポート設定 page, shared by every collector on
-- the database: the company the reports name (akashi.export.company-name when no row or empty),
-- an optional logo (PNG or JPEG, at most 512 KB, checked before it is stored), the frameworks
-- reports show by default (comma-separated ids, empty: all) and the report language
-- (ja, en, or viewer: the language of the person exporting). One row, id 1.
CREATE TABLE report_settings (
    id           INTEGER      PRIMARY KEY,
    company_name VARCHAR(200),
    language     VARCHAR(8)   NOT NULL,
    frameworks   VARCHAR(1000) NOT NULL,
    logo         ${blob},
    logo_type    VARCHAR(16),
    updated_by   VARCHAR(64)  NOT NULL,
    updated_at   BIGINT       NOT NULL
);
