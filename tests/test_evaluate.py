"""Evaluation: scores computed right, and the development set's F1 held at its measured level."""

import json
from pathlib import Path

import pytest

from extract import iter_articles
from extract.errors import GoldError
from extract.evaluate import evaluate, read_gold
from extract.triples import RELATIONS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Measured when these floors were set; raise them as the rules improve, never lower them to make
# a change pass. The test set (examples/test/, never tuned on) is the one that says whether the
# rules generalise; the development set grew (to 134, then 200, then 245 articles in new styles),
# which is why its floors sit below earlier sessions' figures.
TEST_CORE_F1_FLOOR = 0.65
TEST_CORE_PRECISION_FLOOR = 0.86
TEST_ALL_F1_FLOOR = 0.76
DEV_CORE_F1_FLOOR = 0.81
DEV_ALL_F1_FLOOR = 0.83
DEV_CORE_PRECISION_FLOOR = 0.94


def record(subject, relation, obj, article="a", **fields):
    return {
        "article_id": article,
        "subject": subject,
        "relation": relation,
        "object": obj,
        **fields,
    }


def test_precision_recall_and_f1_count_distinct_keys():
    gold = [
        record("Amazon", "INVESTS_IN", "Anthropic"),
        record("Google", "INVESTS_IN", "Anthropic"),
    ]
    predicted = [
        record("Amazon", "INVESTS_IN", "Anthropic"),
        record("Amazon", "INVESTS_IN", "Anthropic"),  # a second mention: same key
        record("Nvidia", "INVESTS_IN", "Anthropic"),
    ]
    score = evaluate(predicted, gold).by_relation["INVESTS_IN"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.f1 == pytest.approx(0.5)


def test_aliases_are_mapped_before_matching():
    result = evaluate(
        [record("Alphabet", "INVESTS_IN", "Anthropic")],
        [record("Google", "INVESTS_IN", "Anthropic")],
    )
    assert result.overall.tp == 1


def test_partnerships_match_in_either_direction():
    result = evaluate(
        [record("OpenAI", "PARTNERS_WITH", "Microsoft")],
        [record("Microsoft", "PARTNERS_WITH", "OpenAI")],
    )
    assert result.overall.tp == 1


def test_status_and_amount_accuracy_are_measured_on_matched_keys():
    gold = [
        record("Amazon", "INVESTS_IN", "Anthropic", status="confirmed", amount_usd=4e9),
        record("Google", "INVESTS_IN", "Anthropic", status="in_talks", amount_usd=None),
    ]
    predicted = [
        record("Amazon", "INVESTS_IN", "Anthropic", status="confirmed", amount_usd=4e9),
        record("Google", "INVESTS_IN", "Anthropic", status="confirmed", amount_usd=2e9),
    ]
    result = evaluate(predicted, gold)
    assert (result.status_accuracy, result.amount_accuracy) == (0.5, 0.5)


def test_a_gold_line_without_an_object_is_named(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"article_id": "a", "subject": "X", "relation": "INVESTS_IN"}) + "\n"
    )
    with pytest.raises(GoldError, match=r"gold\.jsonl:1: missing object"):
        read_gold(path)


def scored(folder: Path, extractor):
    articles = list(iter_articles([folder / "articles.jsonl"], on_error="raise"))
    predicted = list(extractor.iter_triples(articles))
    return evaluate(predicted, read_gold(folder / "gold.jsonl"), articles=[a.id for a in articles])


@pytest.fixture(scope="module")
def development(extractor):
    return scored(EXAMPLES, extractor)


@pytest.fixture(scope="module")
def test_set(extractor):
    return scored(EXAMPLES / "test", extractor)


def test_development_set_f1_does_not_slip(development):
    assert development.core.f1 >= DEV_CORE_F1_FLOOR
    assert development.overall.f1 >= DEV_ALL_F1_FLOOR


def test_development_set_precision_does_not_slip(development):
    assert development.core.precision >= DEV_CORE_PRECISION_FLOOR


def test_test_set_f1_does_not_slip(test_set):
    assert test_set.core.f1 >= TEST_CORE_F1_FLOOR
    assert test_set.overall.f1 >= TEST_ALL_F1_FLOOR


def test_test_set_precision_does_not_slip(test_set):
    assert test_set.core.precision >= TEST_CORE_PRECISION_FLOOR


def test_the_test_set_shares_no_article_with_the_development_set():
    def ids(path: Path) -> set[str]:
        return {json.loads(line)["id"] for line in path.read_text().splitlines() if line.strip()}

    shared = ids(EXAMPLES / "articles.jsonl") & ids(EXAMPLES / "test" / "articles.jsonl")
    assert not shared


def test_the_development_set_covers_every_relation():
    relations = {r["relation"] for r in read_gold(EXAMPLES / "gold.jsonl")}
    assert relations == set(RELATIONS)


def test_a_denied_deal_predicted_live_is_a_false_positive_and_counted():
    gold = [record("Apple", "INVESTS_IN", "OpenAI", status="denied")]
    result = evaluate([record("Apple", "INVESTS_IN", "OpenAI", status="in_talks")], gold)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (0, 1, 0)
    assert [key for key, _, _ in result.dead_as_live] == [("a", "Apple", "INVESTS_IN", "OpenAI")]


def test_a_denied_deal_predicted_ended_or_not_at_all_costs_nothing():
    gold = [record("Apple", "INVESTS_IN", "OpenAI", status="denied")]
    for predicted in ([], [record("Apple", "INVESTS_IN", "OpenAI", status="ended")]):
        result = evaluate(predicted, gold)
        assert (result.overall.tp, result.overall.fp, result.overall.fn) == (0, 0, 0)
        assert result.dead_as_live == [] and result.dead_deals == 1


def test_an_ended_deal_predicted_live_is_counted_but_still_matches():
    gold = [record("SoftBank", "INVESTS_IN", "Nvidia", status="ended")]
    result = evaluate([record("SoftBank", "INVESTS_IN", "Nvidia", status="confirmed")], gold)
    assert result.overall.tp == 1 and len(result.dead_as_live) == 1
    assert result.status_accuracy == 0.0


def test_reliability_buckets_predicted_keys_by_confidence():
    gold = [record("Amazon", "INVESTS_IN", "Anthropic")]
    predicted = [
        record("Amazon", "INVESTS_IN", "Anthropic", confidence=0.95),
        record("Nvidia", "INVESTS_IN", "Anthropic", confidence=0.92),
        record("Intel", "INVESTS_IN", "Anthropic", confidence=0.55),
    ]
    assert evaluate(predicted, gold).reliability == [(0.5, 1, 0), (0.9, 2, 1)]


def test_a_named_set_that_does_not_exist_is_a_clear_error():
    from extract.evaluate import annotated_set

    with pytest.raises(GoldError, match="no annotated set named 'nope'"):
        annotated_set("nope")
    assert (annotated_set("dev") / "gold.jsonl").exists()


def test_calibration_is_written_where_the_extractor_reads_it():
    from importlib import resources

    from extract.evaluate import CALIBRATION_FILE

    read_from = Path(str(resources.files("extract").joinpath("data/calibration.toml")))
    assert read_from.resolve() == CALIBRATION_FILE and CALIBRATION_FILE.exists()
