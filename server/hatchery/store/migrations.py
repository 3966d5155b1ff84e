"""The numbered migrations, in the order they run; schema.py runs them."""

from __future__ import annotations

# The host of the http(s) URL in {u}, lowercased: between '://' and the next '/'.
HOST = ("lower(substr(substr({u}, instr({u}, '://') + 3), 1,"
        " instr(substr({u}, instr({u}, '://') + 3) || '/', '/') - 1))")

# A page's passages (store/passages.py) written from its new article, and
# taken out of the index with exactly the text they were indexed with.
_ADD_PASSAGES = """
            INSERT INTO page_passages (page_id, start, length)
                SELECT new.id, json_extract(value, '$[0]'), json_extract(value, '$[1]')
                FROM json_each(passage_spans(new.article_text));
            INSERT INTO passages_fts (rowid, text)
                SELECT id, substr(new.article_text, start + 1, length)
                FROM page_passages WHERE page_id = new.id;"""
_REMOVE_PASSAGES = """
            INSERT INTO passages_fts (passages_fts, rowid, text)
                SELECT 'delete', id, substr(old.article_text, start + 1, length)
                FROM page_passages WHERE page_id = old.id;
            DELETE FROM page_passages WHERE page_id = old.id;"""

# Numbered migrations; `PRAGMA user_version` records how many have run.
# Append only: never edit a released one and never DROP user data.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "pages, highlights, hatches and full-text search",
        """
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            site_name TEXT,
            byline TEXT,
            lang TEXT,
            published TEXT,
            image TEXT,
            article_text TEXT NOT NULL DEFAULT '',
            article TEXT,              -- JSON of hatchery.extract.Article
            html_hash TEXT,            -- sha256 of the HTML last extracted
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE highlights (
            id TEXT PRIMARY KEY,       -- the client's UUID
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start INTEGER,
            "end" INTEGER,
            color TEXT NOT NULL DEFAULT 'yellow',
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
            context TEXT,                      -- JSON of HighlightContext
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX highlights_by_page ON highlights(page_id, start);
        CREATE TABLE hatches (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            engine TEXT NOT NULL,
            length TEXT NOT NULL,
            page_ids TEXT NOT NULL,        -- JSON list
            highlight_ids TEXT NOT NULL,   -- JSON list
            result TEXT NOT NULL,          -- JSON of Hatch.to_dict()
            created_at TEXT NOT NULL
        );

        CREATE VIRTUAL TABLE highlights_fts USING fts5(
            exact, note, content='highlights', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER highlights_ai AFTER INSERT ON highlights BEGIN
            INSERT INTO highlights_fts(rowid, exact, note)
            VALUES (new.rowid, new.exact, new.note);
        END;
        CREATE TRIGGER highlights_ad AFTER DELETE ON highlights BEGIN
            INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
            VALUES ('delete', old.rowid, old.exact, old.note);
        END;
        CREATE TRIGGER highlights_au AFTER UPDATE OF exact, note ON highlights BEGIN
            INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
            VALUES ('delete', old.rowid, old.exact, old.note);
            INSERT INTO highlights_fts(rowid, exact, note)
            VALUES (new.rowid, new.exact, new.note);
        END;

        CREATE VIRTUAL TABLE pages_fts USING fts5(
            title, article_text, content='pages', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
            INSERT INTO pages_fts(rowid, title, article_text)
            VALUES (new.id, new.title, new.article_text);
        END;
        CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
            INSERT INTO pages_fts(pages_fts, rowid, title, article_text)
            VALUES ('delete', old.id, old.title, old.article_text);
        END;
        CREATE TRIGGER pages_au AFTER UPDATE OF title, article_text ON pages BEGIN
            INSERT INTO pages_fts(pages_fts, rowid, title, article_text)
            VALUES ('delete', old.id, old.title, old.article_text);
            INSERT INTO pages_fts(rowid, title, article_text)
            VALUES (new.id, new.title, new.article_text);
        END;
        """,
    ),
    (
        "tombstones: a deleted highlight stays deleted when a stale outbox resends it",
        """
        CREATE TABLE deleted_highlights (
            id TEXT PRIMARY KEY,
            deleted_at TEXT NOT NULL
        );
        """,
    ),
    (
        "library: login codes, sessions, and a trash for undoing deletes",
        """
        CREATE TABLE login_codes (
            code_hash TEXT PRIMARY KEY,    -- sha256 of the one-time code
            expires_at TEXT NOT NULL
        );
        CREATE TABLE library_sessions (
            id_hash TEXT PRIMARY KEY,      -- sha256 of the cookie's value
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE trash (
            highlight_id TEXT PRIMARY KEY,
            data TEXT NOT NULL,            -- JSON of the deleted highlight row
            deleted_at TEXT NOT NULL
        );
        """,
    ),
    (
        "pairing: one-time codes that give the extension its token, the failed "
        "attempts that limit guessing, and small facts the server keeps",
        """
        CREATE TABLE pairing_codes (
            code_hash TEXT PRIMARY KEY,    -- sha256 of the short one-time code
            expires_at TEXT NOT NULL
        );
        CREATE TABLE pairing_failures (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL
        );
        CREATE TABLE server_facts (
            key TEXT PRIMARY KEY,          -- e.g. 'extension_seen_at'
            value TEXT NOT NULL
        );
        """,
    ),
    (
        "one trash: deleted pages wait there with their highlights",
        """
        -- The URL of the page the highlight was on.
        ALTER TABLE trash ADD COLUMN page_url TEXT;
        CREATE INDEX trash_by_age ON trash(deleted_at);
        CREATE TABLE trashed_pages (
            url TEXT PRIMARY KEY,
            data TEXT NOT NULL,            -- JSON of the page row, article included
            deleted_at TEXT NOT NULL
        );
        """,
    ),
    (
        "extraction after the capture: a queue of page HTML and each page's state",
        """
        -- NULL: no HTML was ever sent; else pending, done, timed_out or failed
        ALTER TABLE pages ADD COLUMN extraction TEXT;
        UPDATE pages SET extraction = 'done' WHERE html_hash IS NOT NULL;
        CREATE TABLE extraction_queue (
            page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
            html TEXT NOT NULL,
            html_hash TEXT NOT NULL,
            queued_at TEXT NOT NULL
        );
        """,
    ),
    (
        "summaries: each page's highlight count and last highlight, and tag counts",
        """
        ALTER TABLE pages ADD COLUMN highlight_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pages ADD COLUMN last_highlight_at TEXT;
        UPDATE pages SET
            highlight_count = (SELECT COUNT(*) FROM highlights h WHERE h.page_id = pages.id),
            last_highlight_at = (SELECT MAX(created_at) FROM highlights h
                                 WHERE h.page_id = pages.id);
        CREATE INDEX pages_by_activity
            ON pages(COALESCE(last_highlight_at, updated_at) DESC, id DESC);
        CREATE TRIGGER highlights_count_ai AFTER INSERT ON highlights BEGIN
            UPDATE pages SET highlight_count = highlight_count + 1,
                last_highlight_at = MAX(COALESCE(last_highlight_at, ''), new.created_at)
            WHERE id = new.page_id;
        END;
        CREATE TRIGGER highlights_count_ad AFTER DELETE ON highlights BEGIN
            UPDATE pages SET highlight_count = highlight_count - 1,
                last_highlight_at = (SELECT MAX(created_at) FROM highlights
                                     WHERE page_id = old.page_id)
            WHERE id = old.page_id;
        END;

        CREATE TABLE tag_counts (
            tag TEXT PRIMARY KEY,
            n INTEGER NOT NULL
        );
        INSERT INTO tag_counts (tag, n)
            SELECT t.value, COUNT(*) FROM highlights h, json_each(h.tags) t GROUP BY t.value;
        CREATE TRIGGER highlights_tags_ai AFTER INSERT ON highlights BEGIN
            INSERT INTO tag_counts (tag, n) SELECT value, 1 FROM json_each(new.tags) WHERE 1
            ON CONFLICT(tag) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER highlights_tags_ad AFTER DELETE ON highlights BEGIN
            UPDATE tag_counts
            SET n = n - (SELECT COUNT(*) FROM json_each(old.tags) WHERE value = tag_counts.tag)
            WHERE tag IN (SELECT value FROM json_each(old.tags));
            DELETE FROM tag_counts WHERE n <= 0;
        END;
        CREATE TRIGGER highlights_tags_au AFTER UPDATE OF tags ON highlights BEGIN
            UPDATE tag_counts
            SET n = n - (SELECT COUNT(*) FROM json_each(old.tags) WHERE value = tag_counts.tag)
            WHERE tag IN (SELECT value FROM json_each(old.tags));
            INSERT INTO tag_counts (tag, n) SELECT value, 1 FROM json_each(new.tags) WHERE 1
            ON CONFLICT(tag) DO UPDATE SET n = n + 1;
            DELETE FROM tag_counts WHERE n <= 0;
        END;
        """,
    ),
    (
        "imports in short transactions: what a running import wrote, to undo it",
        """
        -- An import in progress; a row left by a crash is undone at start.
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            pid INTEGER NOT NULL,          -- the process running it
            started_at TEXT NOT NULL
        );
        -- kind: page, highlight or hatch (a row it added), page_title,
        -- page_article, highlight_note or highlight_tags (a blank it filled in).
        CREATE TABLE import_undo (
            import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            key TEXT NOT NULL
        );
        CREATE INDEX import_undo_by_import ON import_undo(import_id);
        """,
    ),
    (
        "library sessions bound to this server's port, no CSRF token at rest, an install id",
        # Sessions are logins, not the person's data: the old ones (with a
        # readable CSRF token and no port) are dropped, and `hatchery open`
        # logs in again. The CSRF token is now derived from the cookie.
        """
        DROP TABLE library_sessions;
        CREATE TABLE library_sessions (
            id_hash TEXT PRIMARY KEY,      -- sha256 of the cookie's value
            port INTEGER NOT NULL,         -- the server port it was made on
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE install (
            id TEXT NOT NULL               -- random; names the library's cookie
        );
        INSERT INTO install (id) VALUES (lower(hex(randomblob(16))));
        """,
    ),
    (
        "search snippets from short rows: each article indexed again in paragraph-sized "
        "passages, and each title alone",
        # See store/passages.py. A passage is a span of article_text, read
        # through a view, so the text itself is not stored twice. The
        # triggers hand FTS5 the exact text they indexed when they remove it.
        # A title's snippet from pages_fts would read the page's article too.
        """
        CREATE TABLE page_passages (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL,      -- removed by the pages triggers below
            start INTEGER NOT NULL,        -- characters into pages.article_text
            length INTEGER NOT NULL
        );
        CREATE INDEX page_passages_by_page ON page_passages(page_id, id);
        CREATE VIEW passage_texts AS
            SELECT pp.id AS id, substr(p.article_text, pp.start + 1, pp.length) AS text
            FROM page_passages pp JOIN pages p ON p.id = pp.page_id;
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            text, content='passage_texts', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO page_passages (page_id, start, length)
            SELECT p.id, json_extract(s.value, '$[0]'), json_extract(s.value, '$[1]')
            FROM pages p, json_each(passage_spans(p.article_text)) s;
        INSERT INTO passages_fts (passages_fts) VALUES ('rebuild');
        INSERT INTO passages_fts (passages_fts) VALUES ('optimize');
        CREATE TRIGGER passages_ai AFTER INSERT ON pages BEGIN
            ADD_PASSAGES
        END;
        CREATE TRIGGER passages_ad AFTER DELETE ON pages BEGIN
            REMOVE_PASSAGES
        END;
        CREATE TRIGGER passages_au AFTER UPDATE OF article_text ON pages
        WHEN old.article_text IS NOT new.article_text BEGIN
            REMOVE_PASSAGES
            ADD_PASSAGES
        END;

        CREATE VIRTUAL TABLE titles_fts USING fts5(
            title, content='pages', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO titles_fts (titles_fts) VALUES ('rebuild');
        CREATE TRIGGER titles_ai AFTER INSERT ON pages BEGIN
            INSERT INTO titles_fts (rowid, title) VALUES (new.id, new.title);
        END;
        CREATE TRIGGER titles_ad AFTER DELETE ON pages BEGIN
            INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
        END;
        CREATE TRIGGER titles_au AFTER UPDATE OF title ON pages
        WHEN old.title IS NOT new.title BEGIN
            INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
            INSERT INTO titles_fts (rowid, title) VALUES (new.id, new.title);
        END;
        """.replace("ADD_PASSAGES", _ADD_PASSAGES).replace("REMOVE_PASSAGES", _REMOVE_PASSAGES),
    ),
    (
        "site counts: the library's site filter without reading every page's URL",
        """
        CREATE TABLE site_counts (
            site TEXT PRIMARY KEY,
            n INTEGER NOT NULL             -- pages on that site
        );
        INSERT INTO site_counts (site, n)
            SELECT HOST(url), COUNT(*) FROM pages
            WHERE url LIKE 'http://%' OR url LIKE 'https://%' GROUP BY 1;
        CREATE TRIGGER pages_site_ai AFTER INSERT ON pages
        WHEN new.url LIKE 'http://%' OR new.url LIKE 'https://%' BEGIN
            INSERT INTO site_counts (site, n) VALUES (HOST(new.url), 1)
            ON CONFLICT(site) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER pages_site_ad AFTER DELETE ON pages
        WHEN old.url LIKE 'http://%' OR old.url LIKE 'https://%' BEGIN
            UPDATE site_counts SET n = n - 1 WHERE site = HOST(old.url);
            DELETE FROM site_counts WHERE n <= 0;
        END;
        CREATE TRIGGER pages_site_au AFTER UPDATE OF url ON pages BEGIN
            UPDATE site_counts SET n = n - 1
            WHERE site = HOST(old.url) AND (old.url LIKE 'http://%' OR old.url LIKE 'https://%');
            DELETE FROM site_counts WHERE n <= 0;
            INSERT INTO site_counts (site, n) SELECT HOST(new.url), 1
            WHERE new.url LIKE 'http://%' OR new.url LIKE 'https://%'
            ON CONFLICT(site) DO UPDATE SET n = n + 1;
        END;
        """.replace("HOST(url)", HOST.format(u="url"))
           .replace("HOST(new.url)", HOST.format(u="new.url"))
           .replace("HOST(old.url)", HOST.format(u="old.url")),
    ),
]
