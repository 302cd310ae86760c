"""Article readers: every input format of DESIGN.md, and bad input named by file and line."""

import json

import pytest

from extract.articles import iter_articles
from extract.errors import InputError


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_jsonl_lines_become_articles_with_their_metadata(tmp_path):
    path = _write(
        tmp_path / "a.jsonl",
        json.dumps(
            {"id": "x1", "title": "T", "published": "2024-03-01", "url": "u", "text": "Body."}
        )
        + "\n",
    )
    [article] = iter_articles([path])
    assert (article.id, article.title, article.published, article.url, article.text) == (
        "x1",
        "T",
        "2024-03-01",
        "u",
        "Body.",
    )


def test_text_file_id_is_its_stem_and_title_its_first_line(tmp_path):
    path = _write(tmp_path / "deal-news.md", "\n# Big deal\n\nAmazon invested in Anthropic.\n")
    [article] = iter_articles([path])
    assert (article.id, article.title) == ("deal-news", "Big deal")


def test_csv_rows_become_articles(tmp_path):
    path = _write(
        tmp_path / "a.csv", 'id,title,text\nr1,One,"First, with a comma."\nr2,Two,Second.\n'
    )
    assert [a.id for a in iter_articles([path])] == ["r1", "r2"]


def test_html_main_text_and_title_are_extracted(tmp_path):
    body = "<p>" + "Nvidia invested in CoreWeave, the cloud provider, in 2023. " * 5 + "</p>"
    html = f"<html><head><title>Chips and clouds</title></head><body><article>{body}</article></body></html>"
    [article] = iter_articles([_write(tmp_path / "page.html", html)])
    assert "Nvidia invested in CoreWeave" in article.text
    assert article.title == "Chips and clouds"


def test_folders_are_read_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    _write(tmp_path / "b" / "two.txt", "Two.")
    _write(tmp_path / "one.txt", "One.")
    _write(tmp_path / "notes.bin", "ignored")
    assert [a.id for a in iter_articles([tmp_path])] == ["two", "one"]


def test_a_bad_json_line_is_reported_with_its_line_and_skipped(tmp_path):
    path = _write(tmp_path / "a.jsonl", '{"text": "Good."}\n{oops\n{"text": "Also good."}\n')
    problems = []
    articles = list(iter_articles([path], on_problem=problems.append))
    assert len(articles) == 2
    assert [(p.path, p.line) for p in problems] == [(str(path), 2)]


def test_strict_reading_stops_at_the_first_bad_line(tmp_path):
    path = _write(tmp_path / "a.jsonl", '{"text": "Good."}\n{"title": "no text"}\n')
    with pytest.raises(InputError, match=r"a\.jsonl:2: missing or empty 'text'"):
        list(iter_articles([path], on_error="raise"))


def test_csv_without_a_text_column_is_named(tmp_path):
    path = _write(tmp_path / "a.csv", "id,body\n1,hello\n")
    with pytest.raises(InputError, match="no 'text' column"):
        list(iter_articles([path], on_error="raise"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "", "file is empty"),
        ("latin.txt", "caf\xe9 news", "not UTF-8"),
        ("a.docx", "x", "unknown article format"),
    ],
)
def test_unreadable_inputs_are_named(tmp_path, name, content, message):
    path = _write(tmp_path / name, content, encoding="latin-1")
    with pytest.raises(InputError, match=message):
        list(iter_articles([path], on_error="raise"))


def test_a_missing_path_is_named(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_articles([tmp_path / "nope.jsonl"], on_error="raise"))


def test_a_malformed_published_date_is_named(tmp_path):
    path = _write(tmp_path / "a.jsonl", '{"text": "x", "published": "last Tuesday"}\n')
    with pytest.raises(InputError, match=r"a\.jsonl:1: published date"):
        list(iter_articles([path], on_error="raise"))
