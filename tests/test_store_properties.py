"""Property test: any sequence of captures, resends, edits, deletes (of a
highlight or a whole page), restores from the trash and imports leaves the
store agreeing with a simple model of what the person did."""

import json
import shutil
import tempfile
import uuid

from conftest import TOKEN, AuthClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from hatchery.app import create_app
from hatchery.contract.limits import COLORS
from hatchery.urls import normalize_url

URLS = [f"https://site{n}.example/article?utm_source=x&id={n}" for n in range(3)]
WORDS = st.text(alphabet="abcdefghij", min_size=3, max_size=8)


class StoreMachine(RuleBasedStateMachine):
    highlights = Bundle("highlights")

    def __init__(self):
        super().__init__()
        self.folder = tempfile.mkdtemp(prefix="hatchery-prop-")
        app = create_app({"TESTING": True, "TOKEN": TOKEN, "DATA_DIR": self.folder})
        self.app = app
        self.client = AuthClient(app.test_client())
        self.model: dict[str, dict] = {}
        self.trashed: dict[str, dict] = {}
        self.sent: dict[str, dict] = {}

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(target=highlights, url=st.sampled_from(URLS), words=st.lists(WORDS, min_size=1, max_size=4),
          color=st.sampled_from(COLORS))
    def capture(self, url, words, color):
        body = {"id": str(uuid.uuid4()), "url": url, "text": " ".join(words), "color": color}
        response = self.client.post("/api/captures", json=body)
        assert response.status_code == 201
        self.sent[body["id"]] = body
        self.model[body["id"]] = {"exact": body["text"], "color": color, "note": "", "tags": []}
        return body["id"]

    @rule(highlight_id=highlights)
    def resend(self, highlight_id):
        response = self.client.post("/api/captures", json=self.sent[highlight_id])
        # A resend answers with what is stored; a deleted highlight stays deleted.
        assert response.status_code == (200 if highlight_id in self.model else 410)

    @rule(highlight_id=highlights, color=st.sampled_from(COLORS), note=WORDS,
          tags=st.lists(WORDS, max_size=3, unique=True))
    def edit(self, highlight_id, color, note, tags):
        response = self.client.patch(f"/api/highlights/{highlight_id}",
                                     json={"color": color, "note": note, "tags": tags})
        if highlight_id in self.model:
            assert response.status_code == 200
            self.model[highlight_id].update(color=color, note=note, tags=tags)
        else:
            assert response.status_code == 404

    @rule(highlight_id=highlights)
    def delete(self, highlight_id):
        response = self.client.delete(f"/api/highlights/{highlight_id}")
        assert response.status_code == (204 if highlight_id in self.model else 404)
        if highlight_id in self.model:
            self.trashed[highlight_id] = self.model.pop(highlight_id)

    @rule(url=st.sampled_from(URLS))
    def delete_page(self, url):
        listed = self.client.get("/api/highlights", query_string={"url": url}).json
        on_page = [i for i in self.model if self.sent[i]["url"] == url]
        if listed["page_id"] is None:
            assert on_page == []
            return
        assert self.client.delete(f"/api/pages/{listed['page_id']}").status_code == 204
        for highlight_id in on_page:
            self.trashed[highlight_id] = self.model.pop(highlight_id)

    @rule(highlight_id=highlights)
    def restore(self, highlight_id):
        response = self.client.post(f"/api/highlights/{highlight_id}/restore")
        if highlight_id in self.trashed:
            assert response.status_code == 200
            self.model[highlight_id] = self.trashed.pop(highlight_id)
        else:
            assert response.status_code == 404

    @rule(target=highlights, url=st.sampled_from(URLS), words=st.lists(WORDS, min_size=1, max_size=3),
          again=st.lists(highlights, max_size=3, unique=True))
    def import_file(self, url, words, again):
        """An export file with one new highlight and some already known: the
        new one is added, a known one stays as it is, a deleted one stays
        deleted (until restored from the trash)."""
        from hatchery.db import get_store
        from hatchery.services.imports import import_bytes

        new_id = str(uuid.uuid4())
        records = [{"id": new_id, "exact": " ".join(words)}] + [
            {"id": i, "exact": self.sent[i]["text"]} for i in again]
        # An export holds URLs as the store keeps them: normalised.
        data = {"format": "hatchery", "version": 1, "hatches": [],
                "pages": [{"url": normalize_url(url), "title": "imported",
                           "highlights": records}]}
        with self.app.app_context():
            report = import_bytes(get_store(), json.dumps(data).encode())
        assert report["highlights"] == 1
        assert report["deleted_highlights"] == sum(i in self.trashed or i not in self.model
                                                   for i in again)
        self.sent[new_id] = {"id": new_id, "url": url, "text": " ".join(words)}
        self.model[new_id] = {"exact": " ".join(words), "color": "yellow", "note": "", "tags": []}
        return new_id

    @invariant()
    def store_matches_model(self):
        stored = {}
        for url in URLS:
            for h in self.client.get("/api/highlights", query_string={"url": url}).json["highlights"]:
                stored[h["id"]] = {k: h[k] for k in ("exact", "color", "note", "tags")}
        assert stored == self.model

    @invariant()
    def search_finds_exactly_the_notes(self):
        for highlight_id, expected in list(self.model.items())[:3]:
            if not expected["note"]:
                continue
            found = self.client.get("/api/search", query_string={"q": expected["note"]}).json
            ids = {h["id"] for h in found["highlights"]}
            assert highlight_id in ids
            assert ids <= set(self.model)


StoreMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow])
test_any_sequence_of_edits_keeps_the_store_consistent = StoreMachine.TestCase
