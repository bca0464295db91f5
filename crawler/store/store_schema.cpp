#include "crawler/store/store_schema.hpp"

namespace geocrawl {

namespace {

constexpr std::string_view migrations[] = {
    // 1: runs, sites, views with their evidence, bodies deduplicated by hash.
    R"sql(
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  command       TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
  config_source TEXT NOT NULL,
  input         TEXT
);
CREATE TABLE sites (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs (id),
  url         TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (run_id, url)
);
CREATE TABLE bodies (
  sha256      TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  compression TEXT NOT NULL CHECK (compression IN ('zstd', 'none')),
  data        BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE views (
  id               INTEGER PRIMARY KEY,
  site_id          INTEGER NOT NULL REFERENCES sites (id),
  vantage          TEXT NOT NULL,
  proxy            TEXT,
  exit_ip          TEXT,
  exit_country     TEXT,
  requested_url    TEXT NOT NULL,
  final_url        TEXT,
  peer_address     TEXT,
  status           INTEGER NOT NULL,
  content_type     TEXT,
  content_encoding TEXT,
  bytes            INTEGER NOT NULL,
  wire_bytes       INTEGER NOT NULL,
  truncated        INTEGER NOT NULL,
  truncated_reason TEXT,
  body_sha256      TEXT REFERENCES bodies (sha256),
  tls_version      TEXT,
  tls_cipher       TEXT,
  tls_subject      TEXT,
  tls_issuer       TEXT,
  tls_not_before   TEXT,
  tls_not_after    TEXT,
  tls_fingerprint  TEXT,
  tls_verified     INTEGER,
  tls_verify_error TEXT,
  dns_ms           INTEGER NOT NULL,
  connect_ms       INTEGER NOT NULL,
  tls_ms           INTEGER NOT NULL,
  first_byte_ms    INTEGER NOT NULL,
  total_ms         INTEGER NOT NULL,
  error_code       TEXT,
  error_message    TEXT,
  fetched_at       TEXT NOT NULL
);
CREATE INDEX views_by_site ON views (site_id);
CREATE TABLE view_redirects (
  view_id  INTEGER NOT NULL REFERENCES views (id),
  position INTEGER NOT NULL,
  url      TEXT NOT NULL,
  status   INTEGER NOT NULL,
  PRIMARY KEY (view_id, position)
) WITHOUT ROWID;
CREATE TABLE view_headers (
  view_id  INTEGER NOT NULL REFERENCES views (id),
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (view_id, position)
) WITHOUT ROWID;
)sql",
    // 2: what the page analysis read in each view.
    R"sql(
ALTER TABLE views ADD COLUMN analysed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE views ADD COLUMN title TEXT;
ALTER TABLE views ADD COLUMN lang TEXT;
ALTER TABLE views ADD COLUMN charset TEXT;
ALTER TABLE views ADD COLUMN charset_source TEXT;
ALTER TABLE views ADD COLUMN no_rx INTEGER;
ALTER TABLE views ADD COLUMN meta_refresh_url TEXT;
ALTER TABLE views ADD COLUMN meta_refresh_delay REAL;
ALTER TABLE views ADD COLUMN canonical TEXT;
ALTER TABLE views ADD COLUMN link_count INTEGER;
ALTER TABLE views ADD COLUMN checkout_form INTEGER;
ALTER TABLE views ADD COLUMN analysis_truncated INTEGER;
CREATE TABLE view_drugs (
  view_id  INTEGER NOT NULL REFERENCES views (id),
  drug     TEXT NOT NULL,
  term     TEXT NOT NULL,
  category TEXT NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (view_id, drug, term)
) WITHOUT ROWID;
CREATE INDEX view_drugs_by_drug ON view_drugs (drug);
CREATE TABLE view_phrases (
  view_id INTEGER NOT NULL REFERENCES views (id),
  kind    TEXT NOT NULL CHECK (kind IN ('no_rx', 'signal', 'external_host')),
  value   TEXT NOT NULL,
  PRIMARY KEY (view_id, kind, value)
) WITHOUT ROWID;
CREATE TABLE view_script_redirects (
  view_id  INTEGER NOT NULL REFERENCES views (id),
  position INTEGER NOT NULL,
  pattern  TEXT NOT NULL,
  target   TEXT,
  PRIMARY KEY (view_id, position)
) WITHOUT ROWID;
)sql",
    // 3: proxies: which GeoIP build placed a view's exit, and every proxy check.
    R"sql(
ALTER TABLE views ADD COLUMN exit_geoip TEXT;
CREATE TABLE proxy_checks (
  id                 INTEGER PRIMARY KEY,
  run_id             INTEGER NOT NULL REFERENCES runs (id),
  proxy              TEXT NOT NULL,
  url                TEXT NOT NULL,
  declared_country   TEXT NOT NULL,
  exit_ip            TEXT,
  exit_country       TEXT,
  geoip              TEXT,
  second_country     TEXT,
  second_geoip       TEXT,
  latency_ms         INTEGER NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('ok', 'mismatch', 'dead', 'unverified')),
  reason             TEXT,
  checked_at         TEXT NOT NULL
);
CREATE INDEX proxy_checks_by_run ON proxy_checks (run_id);
)sql",
    // 4: cloaking comparison: the site's verdict, each vantage against the baseline, and
    // how each hop of a chain led to the next (3xx, Refresh header, meta refresh).
    R"sql(
ALTER TABLE sites ADD COLUMN verdict TEXT
  CHECK (verdict IN ('consistent', 'cloaked', 'inconclusive', 'unreachable'));
ALTER TABLE view_redirects ADD COLUMN next TEXT;
CREATE TABLE comparisons (
  id               INTEGER PRIMARY KEY,
  site_id          INTEGER NOT NULL REFERENCES sites (id),
  vantage_view_id  INTEGER NOT NULL REFERENCES views (id),
  baseline_view_id INTEGER NOT NULL REFERENCES views (id),
  vantage          TEXT NOT NULL,
  baseline         TEXT NOT NULL,
  verdict          TEXT NOT NULL CHECK (verdict IN ('consistent', 'cloaked', 'inconclusive', 'unreachable')),
  score            REAL NOT NULL,
  reasons          TEXT NOT NULL
);
CREATE INDEX comparisons_by_site ON comparisons (site_id);
CREATE INDEX comparisons_by_verdict ON comparisons (verdict);
)sql",
    // 5: batch crawls. A crawl run owns its work list: its sites are inserted pending
    // (finished_at NULL) before the first fetch, each is finished in the transaction that
    // stores its views, and a resumed run takes the pending ones in id order. The run
    // keeps a hash of its effective config and what reading the sites file found.
    R"sql(
ALTER TABLE runs ADD COLUMN config_hash TEXT;
ALTER TABLE runs ADD COLUMN sites_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN sites_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN bad_lines INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN line INTEGER;
ALTER TABLE sites ADD COLUMN labels TEXT;
ALTER TABLE sites ADD COLUMN fallback_url TEXT;
CREATE INDEX sites_pending ON sites (run_id, id) WHERE finished_at IS NULL;
CREATE INDEX sites_by_verdict ON sites (run_id, verdict);
)sql",
    // 6: the lines of a crawl's sites file that were rejected, and why, kept with the run
    // (runs.bad_lines counts them) so that skipped input is not only on a terminal; and when a
    // run was abandoned (`geocrawl runs abandon`): failed for good, never taken by --resume.
    R"sql(
ALTER TABLE runs ADD COLUMN abandoned_at TEXT;
CREATE TABLE input_errors (
  run_id  INTEGER NOT NULL REFERENCES runs (id),
  line    INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, line)
) WITHOUT ROWID;
)sql",
    // 7: a comparison where a side failed has no score (NULL): a failure is no evidence
    // either way. SQLite cannot drop NOT NULL in place, so the table is rebuilt; the 0.5
    // earlier versions stored for such comparisons becomes NULL.
    R"sql(
CREATE TABLE comparisons_nullable_score (
  id               INTEGER PRIMARY KEY,
  site_id          INTEGER NOT NULL REFERENCES sites (id),
  vantage_view_id  INTEGER NOT NULL REFERENCES views (id),
  baseline_view_id INTEGER NOT NULL REFERENCES views (id),
  vantage          TEXT NOT NULL,
  baseline         TEXT NOT NULL,
  verdict          TEXT NOT NULL CHECK (verdict IN ('consistent', 'cloaked', 'inconclusive', 'unreachable')),
  score            REAL,
  reasons          TEXT NOT NULL
);
INSERT INTO comparisons_nullable_score
SELECT c.id, c.site_id, c.vantage_view_id, c.baseline_view_id, c.vantage, c.baseline, c.verdict,
  CASE WHEN EXISTS (SELECT 1 FROM views v
                    WHERE v.id IN (c.vantage_view_id, c.baseline_view_id)
                      AND (v.error_code IS NOT NULL OR v.status = 0))
       THEN NULL ELSE c.score END,
  c.reasons
FROM comparisons c;
DROP TABLE comparisons;
ALTER TABLE comparisons_nullable_score RENAME TO comparisons;
CREATE INDEX comparisons_by_site ON comparisons (site_id);
CREATE INDEX comparisons_by_verdict ON comparisons (verdict);
)sql",
    // 8: `geocrawl changes` looks up, for each site of a run, the newest earlier run that has
    // the same URL; UNIQUE (run_id, url) cannot serve a lookup by URL across runs.
    R"sql(
CREATE INDEX sites_by_url ON sites (url, run_id);
)sql",
    // 9: who a registrable domain's registrar is (RDAP). One row per lookup, kept, so a change
    // of registrar between runs shows; the newest row is the cache that [rdap] refresh_days
    // reuses. A failure is a row too, with its reason, so a failing server is not asked again
    // for every site. Name servers and statuses are JSON arrays.
    R"sql(
CREATE TABLE rdap_lookups (
  domain            TEXT NOT NULL,
  looked_up_at      TEXT NOT NULL,
  outcome           TEXT NOT NULL,
  error             TEXT,
  server            TEXT,
  registrar         TEXT,
  registrar_iana_id TEXT,
  abuse_email       TEXT,
  abuse_phone       TEXT,
  registered_at     TEXT,
  expires_at        TEXT,
  last_changed_at   TEXT,
  name_servers      TEXT NOT NULL DEFAULT '[]',
  statuses          TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (domain, looked_up_at)
) WITHOUT ROWID;
)sql",
    // 10: why a direct view's exit country is not known (no echo URL, the echo failed, GeoIP
    // has no answer); NULL when it was verified, and for proxied views.
    R"sql(
ALTER TABLE views ADD COLUMN exit_unverified TEXT;
)sql",
    // 11: retention. A pruned run keeps its row as a record, so asking for it says when it was
    // pruned: pruning_started_at is written before the first delete and pruned_at after the
    // last, so a prune killed in between is finished by the next one with the verdicts it kept
    // (pruning_keeps, a JSON array); kept_sites counts the sites those verdicts kept. The
    // indexes make "does a remaining view still use this body" and the foreign-key checks on
    // deleting a view lookups instead of table scans.
    R"sql(
ALTER TABLE runs ADD COLUMN pruning_started_at TEXT;
ALTER TABLE runs ADD COLUMN pruning_keeps TEXT;
ALTER TABLE runs ADD COLUMN pruned_at TEXT;
ALTER TABLE runs ADD COLUMN kept_sites INTEGER NOT NULL DEFAULT 0;
CREATE INDEX views_by_body ON views (body_sha256) WHERE body_sha256 IS NOT NULL;
CREATE INDEX comparisons_by_vantage_view ON comparisons (vantage_view_id);
CREATE INDEX comparisons_by_baseline_view ON comparisons (baseline_view_id);
)sql",
    // 12: each page analysis kept by what it is a function of, so a body met again, in this run
    // or a later one, is not parsed again. The record is parsers/analysis_record's layout, zstd
    // compressed when that pays; rows of another analyser version are never read.
    R"sql(
CREATE TABLE analyses (
  body_sha256  TEXT NOT NULL,
  content_type TEXT NOT NULL,
  analyser     TEXT NOT NULL,
  compression  TEXT NOT NULL CHECK (compression IN ('zstd', 'none')),
  record       BLOB NOT NULL,
  PRIMARY KEY (body_sha256, content_type, analyser)
) WITHOUT ROWID;
)sql",
    // 13: the exit check each view relied on: when it was made, how old it was when the view
    // started, and its row among the run's proxy checks (a check reused from an earlier
    // `proxies check` is recorded again in the run, so a view never points outside its run and
    // pruning an old run never meets a reference, and `reused` says so); exit_changed when the
    // exit moved to another country while the view was served. The index finds a view's check
    // as it is written.
    R"sql(
ALTER TABLE views ADD COLUMN exit_checked_at TEXT;
ALTER TABLE views ADD COLUMN exit_check_age_s REAL;
ALTER TABLE views ADD COLUMN exit_check_id INTEGER REFERENCES proxy_checks (id);
ALTER TABLE views ADD COLUMN exit_changed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE proxy_checks ADD COLUMN reused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX proxy_checks_by_proxy ON proxy_checks (run_id, proxy, checked_at);
)sql",
    // 14: where a view's WARC records begin: the file's absolute path and the byte offset of
    // the first record's gzip member; NULL when no WARC was written for it.
    R"sql(
ALTER TABLE views ADD COLUMN warc_file TEXT;
ALTER TABLE views ADD COLUMN warc_offset INTEGER;
)sql",
    // 15: shards and their merge (issue 21). A run keeps its label (the one a night's shards
    // share, which `geocrawl merge` folds into one run) and the slice of the list it crawled
    // (shard_index of shard_count; NULL for a whole list). A database names itself once
    // (database_identity: a UUID v4 the store writes on first open) so that a target remembers
    // which shard runs it has merged (merged_shards), making a second merge change nothing.
    // merged_shards.run_id has no foreign key on purpose: `geocrawl prune` deletes the rows
    // referring to a pruned run, and forgetting a merge would let the shard be merged again.
    R"sql(
ALTER TABLE runs ADD COLUMN run_label TEXT;
ALTER TABLE runs ADD COLUMN shard_index INTEGER;
ALTER TABLE runs ADD COLUMN shard_count INTEGER;
CREATE INDEX runs_by_label ON runs (run_label) WHERE run_label IS NOT NULL;
CREATE TABLE database_identity (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  uuid TEXT NOT NULL
);
CREATE TABLE merged_shards (
  shard_database TEXT NOT NULL,
  shard_run_id   INTEGER NOT NULL,
  run_id         INTEGER NOT NULL,
  merged_at      TEXT NOT NULL,
  PRIMARY KEY (shard_database, shard_run_id)
) WITHOUT ROWID;
)sql",
    // 16: what a rendered vantage's browser made of a view (crawler/view/rendered_page.hpp), 1:1
    // with its view. The DOM and the screenshot are bodies (deduplicated by SHA-256, zstd when it
    // pays); the DOM's analysis is the part the comparison and the outputs read, as JSON (the
    // same fields a served view's analysis keeps in its columns). Every request the page made
    // through the loopback relay is a row. body_references is every use of a body, so retention
    // deletes a body only when no served view, rendered DOM or screenshot still uses it.
    R"sql(
CREATE TABLE rendered_views (
  view_id             INTEGER PRIMARY KEY REFERENCES views (id),
  final_url           TEXT NOT NULL,
  title               TEXT NOT NULL,
  dom_sha256          TEXT REFERENCES bodies (sha256),
  dom_bytes           INTEGER NOT NULL,
  dom_truncated       INTEGER NOT NULL,
  screenshot_sha256   TEXT REFERENCES bodies (sha256),
  user_agent          TEXT NOT NULL,
  accept_language     TEXT NOT NULL,
  locale              TEXT NOT NULL,
  time_zone           TEXT NOT NULL,
  load_ms             INTEGER NOT NULL,
  total_ms            INTEGER NOT NULL,
  rendered_at         TEXT NOT NULL,
  error_code          TEXT,
  error_message       TEXT,
  connections_refused INTEGER NOT NULL,
  analysis            TEXT
);
CREATE INDEX rendered_views_by_dom ON rendered_views (dom_sha256) WHERE dom_sha256 IS NOT NULL;
CREATE INDEX rendered_views_by_screenshot ON rendered_views (screenshot_sha256)
  WHERE screenshot_sha256 IS NOT NULL;
CREATE TABLE rendered_requests (
  view_id     INTEGER NOT NULL REFERENCES views (id),
  position    INTEGER NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('connect', 'forward')),
  http_method TEXT NOT NULL,
  target      TEXT NOT NULL,
  status      INTEGER,
  bytes_up    INTEGER NOT NULL,
  bytes_down  INTEGER NOT NULL,
  outcome     TEXT NOT NULL,
  reason      TEXT,
  started_at  TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  PRIMARY KEY (view_id, position)
) WITHOUT ROWID;
CREATE VIEW body_references (view_id, sha256) AS
  SELECT id, body_sha256 FROM views WHERE body_sha256 IS NOT NULL
  UNION ALL SELECT view_id, dom_sha256 FROM rendered_views WHERE dom_sha256 IS NOT NULL
  UNION ALL SELECT view_id, screenshot_sha256 FROM rendered_views
    WHERE screenshot_sha256 IS NOT NULL;
)sql",
    // 17: networks (issue 20). Each view's identifiers (crawler/view/view_identifiers: tracking
    // IDs, contacts, checkout hosts, template, TLS key, body hash, address), kind words as
    // parsers/page_identifier's to_string gives them; the index streams them in (kind, value)
    // order for linking. network_members keeps each run's networks as `geocrawl networks`
    // numbered them, so the next run's networks keep their numbers where members (site URLs,
    // a site's identity across runs) overlap.
    R"sql(
CREATE TABLE view_identifiers (
  view_id INTEGER NOT NULL REFERENCES views (id),
  kind    TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (view_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX view_identifiers_by_value ON view_identifiers (kind, value, view_id);
CREATE TABLE network_members (
  run_id     INTEGER NOT NULL REFERENCES runs (id),
  site_id    INTEGER NOT NULL REFERENCES sites (id),
  network_id INTEGER NOT NULL,
  url        TEXT NOT NULL,
  PRIMARY KEY (run_id, site_id)
) WITHOUT ROWID;
CREATE INDEX network_members_by_network ON network_members (network_id, run_id);
)sql",
    // 18: a site's favicon (issue 20), fetched once per site per run through the vantage of its
    // first successful view and kept 1:1 with that view (crawler/view/favicon_fetch.hpp): the
    // URL asked for and where it ended, the outcome word, status, bytes kept, Shodan's
    // http.favicon.hash as a signed integer when hashed, and why not when not (a view error code
    // and its message, or the bound that cut it). The hash is also the view's `favicon` row in
    // view_identifiers, where `networks` reads it.
    R"sql(
CREATE TABLE view_favicons (
  view_id    INTEGER PRIMARY KEY REFERENCES views (id),
  url        TEXT NOT NULL,
  final_url  TEXT,
  outcome    TEXT NOT NULL,
  status     INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  hash       INTEGER,
  error_code TEXT,
  detail     TEXT,
  fetched_at TEXT NOT NULL
);
)sql",
    // 19: which runs had their networks numbered, and how many networks that gave: a run that
    // was numbered with none has no network_members row, and without this `changes` took the
    // newest run with rows for the night before (a dissolved network was reported again the
    // next night) and a run never numbered for one whose networks all dissolved.
    R"sql(
CREATE TABLE network_numberings (
  run_id   INTEGER PRIMARY KEY REFERENCES runs (id),
  networks INTEGER NOT NULL
);
INSERT INTO network_numberings (run_id, networks)
  SELECT run_id, count(DISTINCT network_id) FROM network_members GROUP BY run_id;
)sql",
    // 20: the TLS leaf certificate's DNS names (tls_summary::dns_names), a JSON array of at most
    // max_certificate_names, and how many it had: what `show` prints beside the certificate,
    // and what the view's cert_name identifiers were read from. NULL for a view without TLS
    // and for views stored before.
    R"sql(
ALTER TABLE views ADD COLUMN tls_names TEXT;
ALTER TABLE views ADD COLUMN tls_name_count INTEGER;
)sql",
    // 21: bodies and analyses become rowid tables, their keys in an index of their own. As
    // WITHOUT ROWID tables their rows (kilobytes of compressed page or analysis) were the
    // key's B-tree cells, and SQLite compares against a cell that overflows its page only
    // after reading the whole row from its overflow pages: every lookup and insert read a
    // dozen bodies. Rebuilt in SQLite's documented way (a new table, a copy, the old one
    // dropped, the new one renamed), which is why migrations run with foreign keys off.
    R"sql(
CREATE TABLE bodies_by_rowid (
  sha256      TEXT NOT NULL PRIMARY KEY,
  size        INTEGER NOT NULL,
  compression TEXT NOT NULL CHECK (compression IN ('zstd', 'none')),
  data        BLOB NOT NULL
);
INSERT INTO bodies_by_rowid (sha256, size, compression, data)
  SELECT sha256, size, compression, data FROM bodies ORDER BY sha256;
DROP TABLE bodies;
ALTER TABLE bodies_by_rowid RENAME TO bodies;
CREATE TABLE analyses_by_rowid (
  body_sha256  TEXT NOT NULL,
  content_type TEXT NOT NULL,
  analyser     TEXT NOT NULL,
  compression  TEXT NOT NULL CHECK (compression IN ('zstd', 'none')),
  record       BLOB NOT NULL,
  PRIMARY KEY (body_sha256, content_type, analyser)
);
INSERT INTO analyses_by_rowid (body_sha256, content_type, analyser, compression, record)
  SELECT body_sha256, content_type, analyser, compression, record FROM analyses
  ORDER BY body_sha256, content_type, analyser;
DROP TABLE analyses;
ALTER TABLE analyses_by_rowid RENAME TO analyses;
)sql",
    // 22: view_phrases' kind checked as three comparisons instead of IN with three values.
    // SQLite evaluates a constant IN list of more than two values through a temporary B-tree
    // with its own page cache (an 87 KB allocation), built again for every row written: a
    // view stores about ten phrases. Same rows allowed; rebuilt as migration 21 was.
    R"sql(
CREATE TABLE view_phrases_checked (
  view_id INTEGER NOT NULL REFERENCES views (id),
  kind    TEXT NOT NULL CHECK (kind = 'no_rx' OR kind = 'signal' OR kind = 'external_host'),
  value   TEXT NOT NULL,
  PRIMARY KEY (view_id, kind, value)
) WITHOUT ROWID;
INSERT INTO view_phrases_checked (view_id, kind, value)
  SELECT view_id, kind, value FROM view_phrases ORDER BY view_id, kind, value;
DROP TABLE view_phrases;
ALTER TABLE view_phrases_checked RENAME TO view_phrases;
)sql",
};

}  // namespace

std::span<const std::string_view> store_migrations() { return migrations; }

}  // namespace geocrawl
