-- More mail domains that speak for an application's company (an ATS's, a second domain of
-- the company): mail from them counts as the company's (`add --domain` given more than once).
CREATE TABLE app_domains (
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	domain         TEXT NOT NULL,
	PRIMARY KEY (application_id, domain)
);
CREATE INDEX app_domains_domain ON app_domains (domain);
