"""`muwazi translate` against real deep-translator code: a LibreTranslate server on 127.0.0.1 that
can misbehave on demand, and Google and MyMemory through `responses`. No internet."""

from __future__ import annotations

import http.server
import json
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import deep_translator.google
import polib
import pytest
import requests
import responses

from helpers import SEED_SLUG, copy_project, english_for
from muwazi import memory
from muwazi.arabic import chunks_within
from muwazi.cli import main as muwazi
from muwazi.config import Project
from muwazi.errors import INTERRUPTED, REFUSED
from muwazi.machine import Progress, plan
from muwazi.source import read_article

NOTICE = "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS"
QUOTA = "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  10 HOURS 20 MINUTES 41 SECONDS"


class Libre(http.server.ThreadingHTTPServer):
    """LibreTranslate's POST /translate, told what to do with each next request through `script`."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), LibreHandler)
        self.script: list[str] = []
        self.received: list[str] = []
        self.keys: list[str | None] = []
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class LibreHandler(http.server.BaseHTTPRequestHandler):
    server: Libre

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        fields = parse_qs(urlsplit(self.path).query) | parse_qs(body)
        text = fields["q"][0]
        assert urlsplit(self.path).path == "/translate"
        assert (fields["source"][0], fields["target"][0], fields["format"][0]) == ("ar", "en", "text")
        self.server.received.append(text)
        self.server.keys.append(fields.get("api_key", [None])[0])
        mode = self.server.script.pop(0) if self.server.script else "ok"
        if mode == "hang":
            self.server.release.wait(60)
            return
        answers = {
            "ok": english_for(text),
            "echo": text,
            "empty": "",
            "arabic": text[:30] + " (done)",
            "warning": QUOTA,
            "notice": NOTICE,
        }
        status = {"403": 403, "429": 429, "503": 503}.get(mode, 200)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        payload = json.dumps({"translatedText": answers[mode]} if status == 200 else {"error": mode}).encode()
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def libre():
    server = Libre()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def po_of(project: Path, slug: str = SEED_SLUG) -> Path:
    return project / "content" / "translations" / f"{slug}.po"


def seed_segments(project: Path):
    return read_article(project / "content" / "articles" / f"{SEED_SLUG}.txt").segments


def remove_entries(project: Path, indexes: list[int]) -> list[str]:
    """Take entries out of the copy's memory; their Arabic, in article order."""
    po = po_of(project)
    catalogue = polib.pofile(str(po))
    removed = [catalogue[i] for i in indexes]
    for entry in removed:
        catalogue.remove(entry)
    catalogue.save(str(po))
    return [entry.msgid for entry in removed]


def entries_by_arabic(project: Path, slug: str = SEED_SLUG) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in memory.load_catalogue(po_of(project, slug), slug)}


def reviewed_state(project: Path) -> dict:
    return {
        k: (e.msgstr, e.flags, e.tcomment, e.occurrences)
        for k, e in entries_by_arabic(project).items()
        if "fuzzy" not in e.flags
    }


def libre_args(server: Libre, *extra: str) -> list[str]:
    return ["translate", "--engine", "libre", "--url", server.url, "--delay", "0", *extra]


@pytest.mark.slow
def test_a_whole_article_is_translated_marked_as_machine_output_and_built(project, libre, capsys):
    po_of(project).unlink()
    texts = [s.text for s in seed_segments(project)]
    assert muwazi(libre_args(libre)) == 0
    assert libre.received == texts
    entries = entries_by_arabic(project)
    assert set(entries) == set(texts)
    today = date.today().isoformat()
    for text, entry in entries.items():
        assert entry.msgstr == english_for(text)
        assert entry.flags == ["fuzzy"]
        assert entry.tcomment == f"machine translation: libre, {today}"
    assert {e.english for e in memory.load(po_of(project).parent, SEED_SLUG).values()} == {
        english_for(t) for t in texts
    }
    assert all(e.engine == "libre" and not e.reviewed for e in memory.load(po_of(project).parent, SEED_SLUG).values())
    assert "10 of 10 segments translated" in capsys.readouterr().out

    assert muwazi(["build"]) == 0
    html = (project / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert html.count("Machine translation — not reviewed") == len(texts)  # the title too
    assert html.count("ترجمة آلية — لم تُراجع") == len(texts)
    assert html.count(f"(libre, {today})") == len(texts)
    assert "0 of 10 segments reviewed; 10 machine-translated, not yet reviewed" in html
    assert english_for(texts[0]) in html


def test_only_the_gaps_are_sent_and_a_second_run_sends_nothing(project, libre, capsys):
    missing = remove_entries(project, [3, 7])
    before = reviewed_state(project)
    assert muwazi(libre_args(libre)) == 0
    assert libre.received == missing
    assert reviewed_state(project) == before
    assert list(entries_by_arabic(project)) == [s.text for s in seed_segments(project)]  # in article order
    saved = po_of(project).read_bytes()
    assert muwazi(libre_args(libre)) == 0
    assert libre.received == missing
    assert po_of(project).read_bytes() == saved
    assert "nothing to translate" in capsys.readouterr().out


def test_dry_run_lists_what_would_be_sent_and_sends_nothing(project, libre, capsys):
    missing = remove_entries(project, [2, 5])
    before = po_of(project).read_bytes()
    assert muwazi(libre_args(libre, "--dry-run")) == 0
    out = capsys.readouterr().out
    assert libre.received == []
    assert po_of(project).read_bytes() == before
    lines = {s.text: s.line for s in seed_segments(project)}
    for text in missing:
        assert f"{SEED_SLUG}.txt:{lines[text]}\t" in out
    assert f"would send 2 segments, {sum(len(t) for t in missing):,} characters, to libre" in out


def test_a_rate_limit_is_waited_out_and_then_the_translation_kept(project, libre):
    [missing] = remove_entries(project, [4])
    libre.script = ["429"]
    assert muwazi(libre_args(libre)) == 0
    assert libre.received == [missing, missing]
    assert entries_by_arabic(project)[missing].msgstr == english_for(missing)


def test_server_errors_beyond_the_retries_stop_cleanly_keeping_what_was_saved(project, libre, capsys):
    missing = remove_entries(project, [2, 3, 6])
    before = reviewed_state(project)
    libre.script = ["ok"] + ["503"] * 10
    started = time.monotonic()
    assert muwazi(libre_args(libre, "--retries", "2")) == 1
    assert time.monotonic() - started < 10
    assert libre.received == [missing[0]] + [missing[1]] * 3
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert "LibreTranslate still failing after 3 tries (HTTP 503)" in error
    assert f"content/articles/{SEED_SLUG}.txt:" in error and "again to resume" in error
    entries = entries_by_arabic(project)
    assert entries[missing[0]].msgstr == english_for(missing[0])
    assert missing[1] not in entries and missing[2] not in entries
    assert reviewed_state(project) == before


def test_a_server_that_never_answers_times_out_quickly(project, libre, capsys):
    [missing] = remove_entries(project, [5])
    before = po_of(project).read_bytes()
    libre.script = ["hang", "hang"]
    started = time.monotonic()
    assert muwazi(libre_args(libre, "--timeout", "0.5", "--retries", "1")) == 1
    assert time.monotonic() - started < 8
    assert libre.received == [missing, missing]
    assert "timed out" in capsys.readouterr().err
    assert po_of(project).read_bytes() == before


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("echo", "the engine sent the Arabic back unchanged"),
        ("empty", "the engine answered with nothing"),
        ("arabic", "the answer is still mostly in Arabic script"),
        ("notice", f"the engine answered with a warning: «{NOTICE}»"),
    ],
)
def test_answers_that_are_no_translation_are_never_cached(project, libre, capsys, answer, reason):
    missing = remove_entries(project, [3, 8])
    before = po_of(project).read_bytes()
    libre.script = [answer]
    assert muwazi(libre_args(libre)) == 1
    err = capsys.readouterr().err
    assert err.count("muwazi: warning:") == 1 and "1 segments not translated" in err
    lines = {s.text: s.line for s in seed_segments(project)}
    assert f"muwazi: warning: content/articles/{SEED_SLUG}.txt:{lines[missing[0]]}: not kept: {reason}\n" in err
    entries = entries_by_arabic(project)
    assert missing[0] not in entries
    assert entries[missing[1]].msgstr == english_for(missing[1])
    assert po_of(project).read_bytes() != before


def test_a_quota_warning_returned_as_text_stops_the_run_and_is_not_cached(project, libre, capsys):
    remove_entries(project, [3, 8])
    before = po_of(project).read_bytes()
    libre.script = ["warning"]
    assert muwazi(libre_args(libre)) == 1
    assert "quota is spent" in capsys.readouterr().err
    assert len(libre.received) == 1
    assert po_of(project).read_bytes() == before


@pytest.mark.slow
def test_a_long_paragraph_is_sent_in_sentence_pieces_and_kept_as_one_entry(project, libre):
    sentence = (
        "وقال المتحدث باسم الرئاسة الروسية، في تصريحات للصحفيين، إن موسكو مستعدة للحوار مع جميع الأطراف دون شروط مسبقة."
    )
    paragraph = " ".join(f"{sentence[:-1]} رقم {n}." for n in range(40))
    assert len(paragraph) > 4000
    article = project / "content" / "articles" / "2018-06-02-long-statement.txt"
    article.write_text(f"بيان طويل من الكرملين\nالسبت، 02 يونيو 2018\n{paragraph}\n", encoding="utf-8")
    assert muwazi(libre_args(libre, "2018-06-02-long-statement")) == 0
    title, *pieces = libre.received
    assert title == "بيان طويل من الكرملين"
    assert len(pieces) >= 3 and all(len(p) <= 2000 for p in pieces)
    assert " ".join(pieces) == paragraph
    assert all(p.endswith(".") for p in pieces)
    entries = entries_by_arabic(project, "2018-06-02-long-statement")
    assert list(entries) == [title, paragraph]
    assert entries[paragraph].msgstr == " ".join(english_for(p) for p in pieces)
    assert muwazi(["build"]) == 0
    html = (project / "site" / "articles" / "2018-06-02-long-statement" / "index.html").read_text(encoding="utf-8")
    assert html.count("Machine translation — not reviewed") == 2  # the title and the paragraph
    assert entries[paragraph].msgstr in html


def test_pieces_never_break_at_the_arabic_comma():
    sentence = "، ".join(["كلمة أخرى هنا"] * 30) + " نهاية الجملة."
    pieces = chunks_within(sentence, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert not any(p.endswith("،") for p in pieces[:-1])
    assert " ".join(pieces) == sentence


def test_retranslating_fuzzy_entries_never_touches_reviewed_ones(project, libre):
    po = po_of(project)
    catalogue = polib.pofile(str(po))
    catalogue[4].flags.append("fuzzy")
    catalogue[4].tcomment = "machine translation: google, 2026-01-01"
    fuzzy = catalogue[4].msgid
    catalogue.save(str(po))
    [missing] = remove_entries(project, [7])
    before = reviewed_state(project)
    assert muwazi(libre_args(libre)) == 0
    assert libre.received == [missing]
    assert muwazi(libre_args(libre, "--retranslate-fuzzy")) == 0
    assert libre.received == [missing, fuzzy, missing]
    assert entries_by_arabic(project)[fuzzy].msgstr == english_for(fuzzy)
    assert entries_by_arabic(project)[fuzzy].tcomment.startswith("machine translation: libre, ")
    assert reviewed_state(project) == before


def run_until_request(project: Path, libre: Libre, requests_before_stop: int, stop: signal.Signals):
    """Run `muwazi translate` as a real process and stop it with `stop` while request N hangs."""
    libre.script = ["ok"] * (requests_before_stop - 1) + ["hang"]
    seen = len(libre.received)
    process = subprocess.Popen(
        [sys.executable, "-m", "muwazi.cli", *libre_args(libre)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while len(libre.received) < seen + requests_before_stop and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(stop)
    out, err = process.communicate(timeout=30)
    return process.returncode, err


def test_interrupted_and_killed_runs_lose_nothing_and_a_rerun_sends_only_the_rest(project, libre):
    missing = remove_entries(project, [1, 2, 3, 5, 6, 8])
    before = reviewed_state(project)

    code, err = run_until_request(project, libre, 2, signal.SIGINT)  # Ctrl-C while the 2nd request waits
    assert code == INTERRUPTED and "interrupted" in err
    assert set(entries_by_arabic(project)) - set(before) == {missing[0]}

    code, _ = run_until_request(project, libre, 3, signal.SIGKILL)  # killed while the 3rd request waits
    assert code == -signal.SIGKILL
    assert set(entries_by_arabic(project)) - set(before) == set(missing[:3])  # a whole file, all saved
    assert not list(po_of(project).parent.glob(".*.tmp"))
    assert libre.received == [missing[0], missing[1]] + [missing[1], missing[2], missing[3]]

    libre.received.clear()
    assert muwazi(libre_args(libre)) == 0
    assert libre.received == missing[3:]
    assert set(entries_by_arabic(project)) == {s.text for s in seed_segments(project)}
    assert reviewed_state(project) == before


def test_reading_the_memory_and_a_run_with_nothing_to_do_leave_it_byte_identical(project, libre):
    po = po_of(project)
    before, mtime = po.read_bytes(), po.stat().st_mtime_ns
    assert muwazi(libre_args(libre)) == 0
    assert muwazi(libre_args(libre, "--dry-run")) == 0
    memory.save(memory.load_catalogue(po, SEED_SLUG), project / "copy.po")
    assert (project / "copy.po").read_bytes() == before
    assert po.read_bytes() == before and po.stat().st_mtime_ns == mtime
    assert libre.received == []


def google_page(request) -> tuple[int, dict, str]:
    """Google's mobile page as deep-translator reads it: the translation in div.result-container."""
    query = parse_qs(urlsplit(request.url).query)
    assert (query["sl"], query["tl"]) == (["ar"], ["en"])
    return 200, {}, f'<html><body><div class="result-container">{english_for(query["q"][0])}</div></body></html>'


@responses.activate
def test_google_is_the_default_and_every_request_has_a_timeout(project):
    missing = remove_entries(project, [2, 6])
    responses.add(responses.GET, "https://translate.google.com/m", status=429)
    responses.add_callback(responses.GET, "https://translate.google.com/m", callback=google_page)
    assert muwazi(["translate", "--delay", "0", "--timeout", "12"]) == 0
    assert len(responses.calls) == 3  # a rate limit, then the two gaps
    assert all(call.request.req_kwargs["timeout"] == (5.0, 12.0) for call in responses.calls)
    sent = [parse_qs(urlsplit(call.request.url).query)["q"][0] for call in responses.calls]
    assert sent == [missing[0], missing[0], missing[1]]
    entries = entries_by_arabic(project)
    assert [entries[t].msgstr for t in missing] == [english_for(t) for t in missing]
    assert all(entries[t].tcomment.startswith("machine translation: google, ") for t in missing)
    assert deep_translator.google.requests is requests  # the timeout wire is gone once the call is done


@responses.activate
def test_mymemory_gets_its_own_language_codes_and_its_quota_warning_is_refused(project, capsys):
    missing = remove_entries(project, [3])
    calls = []

    def answer(request):
        query = parse_qs(urlsplit(request.url).query)
        calls.append(query["langpair"][0])
        text = QUOTA if len(calls) > 1 else english_for(query["q"][0])
        return 200, {}, json.dumps({"responseData": {"translatedText": text}, "matches": []})

    responses.add_callback(responses.GET, "http://api.mymemory.translated.net/get", callback=answer)
    assert muwazi(["translate", "--engine", "mymemory", "--delay", "0"]) == 0
    assert calls == ["ar-SA|en-GB"]
    assert entries_by_arabic(project)[missing[0]].msgstr == english_for(missing[0])
    before = po_of(project).read_bytes()
    remove_entries(project, [3])
    after_removal = po_of(project).read_bytes()
    assert muwazi(["translate", "--engine", "mymemory", "--delay", "0"]) == 1
    assert "MyMemory says its quota is spent" in capsys.readouterr().err
    assert po_of(project).read_bytes() == after_removal != before


def test_a_key_comes_from_the_environment_and_is_never_printed(project, libre, capsys, monkeypatch):
    remove_entries(project, [3, 4])
    monkeypatch.setenv("LIBRE_API_KEY", "secret-key-123")
    libre.script = ["ok", "403"]
    assert muwazi(libre_args(libre)) == 1
    assert libre.keys == ["secret-key-123", "secret-key-123"]
    err = capsys.readouterr().err
    assert (
        "LibreTranslate refused the request (HTTP 403: AuthorizationException: Unauthorized access with the api key <key>)"
        in err
    )
    assert "secret-key-123" not in err
    assert b"secret-key-123" not in po_of(project).read_bytes()
    monkeypatch.delenv("LIBRE_API_KEY")
    assert muwazi(libre_args(libre)) == 0
    assert libre.keys[2:] == [None]  # a self-hosted server without keys gets none


def test_engines_that_cannot_do_arabic_or_lack_a_key_are_refused(project, capsys, monkeypatch):
    remove_entries(project, [3])
    before = po_of(project).read_bytes()
    monkeypatch.setenv("DEEPL_API_KEY", "a-key:fx")
    assert muwazi(["translate", "--engine", "deepl"]) == REFUSED
    assert "DeepL cannot translate Arabic → English: deep-translator 1.11.4 lists no 'ar'" in capsys.readouterr().err
    monkeypatch.delenv("MICROSOFT_API_KEY", raising=False)
    assert muwazi(["translate", "--engine", "microsoft"]) == REFUSED
    assert "export MICROSOFT_API_KEY=" in capsys.readouterr().err
    assert muwazi(["translate", "--engine", "libre"]) == REFUSED
    assert "--url http://127.0.0.1:5000/" in capsys.readouterr().err
    assert muwazi(["translate", "no-such-article"]) == REFUSED
    assert "no article named 'no-such-article'" in capsys.readouterr().err
    assert po_of(project).read_bytes() == before


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_one_redrawn_bar_on_a_terminal_and_plain_lines_elsewhere(project):
    remove_entries(project, [2, 3])
    jobs = plan(Project(project / "content", project / "docs"), [], False)
    total = sum(len(s.text) for s in jobs[0].segments)
    terminal, log = Terminal(), StringIO()
    for stream in (terminal, log):
        progress = Progress(2, total, stream)
        for segment in jobs[0].segments:
            progress.step(jobs[0], segment, "saved")
    assert terminal.getvalue().count("\r") == 2 and terminal.getvalue().endswith(
        f"2/2 segments · {total:,}/{total:,} characters \n"
    )
    lines = log.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in log.getvalue()
    first = jobs[0].segments[0]
    assert lines[0] == f"1/2 {SEED_SLUG}:{first.line} {first.kind}, {len(first.text)} characters: saved"


@responses.activate
def test_microsoft_takes_its_key_and_region_from_the_environment(project, monkeypatch):
    missing = remove_entries(project, [6])
    monkeypatch.setenv("MICROSOFT_API_KEY", "ms-key")
    monkeypatch.setenv("MICROSOFT_REGION", "westeurope")
    languages = {"translation": {"ar": {"name": "Arabic"}, "en": {"name": "English"}}}
    responses.add(responses.GET, "https://api.cognitive.microsofttranslator.com/languages", json=languages)

    def answer(request):
        assert (request.headers["Ocp-Apim-Subscription-Key"], request.headers["Ocp-Apim-Subscription-Region"]) == (
            "ms-key",
            "westeurope",
        )
        query = parse_qs(urlsplit(request.url).query)
        assert (query["from"], query["to"]) == (["ar"], ["en"])
        [item] = json.loads(request.body)
        return 200, {}, json.dumps([{"translations": [{"text": english_for(item["text"]), "to": "en"}]}])

    responses.add_callback(responses.POST, "https://api.cognitive.microsofttranslator.com/translate", callback=answer)
    assert muwazi(["translate", "--engine", "microsoft", "--delay", "0"]) == 0
    assert all(call.request.req_kwargs["timeout"] == (5.0, 30.0) for call in responses.calls)
    entry = entries_by_arabic(project)[missing[0]]
    assert entry.msgstr == english_for(missing[0]) and entry.tcomment.startswith("machine translation: microsoft, ")
    assert b"ms-key" not in po_of(project).read_bytes()


def test_only_translating_loads_deep_translator(tmp_path):
    """deep-translator and what it imports (BeautifulSoup, requests) cost every other command a
    third of a second at start: they load when an engine is about to be used, not before."""
    script = (
        "import sys; from muwazi.cli import main; code = main(['-f', sys.argv[1], 'generate']); "
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('deep_translator', 'bs4', 'requests', 'PIL', 'mkdocs')))"
    )
    project = copy_project(tmp_path / "project")
    run = subprocess.run(
        [sys.executable, "-c", script, str(project / "mkdocs.yml")], capture_output=True, text=True, check=True
    )
    code, loaded = run.stdout.strip().split(" ", 1)
    assert code == "0"
    assert "deep_translator" not in loaded and "bs4" not in loaded and "'requests'" not in loaded
    assert "'PIL" not in loaded  # Pillow draws the link previews, after MkDocs has built the pages
    assert "mkdocs.commands.build" not in loaded and "mkdocs.commands.serve" not in loaded
