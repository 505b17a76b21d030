"""Each sample article in seeds/ gives exactly its reviewed expected output.

After a deliberate change, regenerate with `pytest tests/test_seeds.py --regen-seeds`
and review the diff of seeds/*.json before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES = sorted(SEEDS.glob("*.txt"))


def live_output(client, text: str) -> dict:
    response = client.post("/v1/extract", data=text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    assert response.status_code == 200
    body = response.get_json()
    body.pop("model")  # versions change without the extraction changing
    return body


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_seed_output_is_the_reviewed_one(client, request, article):
    expected_path = article.with_suffix(".json")
    body = live_output(client, article.read_text(encoding="utf-8"))
    if request.config.getoption("--regen-seeds"):
        expected_path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert body == expected


def test_there_is_at_least_one_seed():
    assert ARTICLES and all(a.with_suffix(".json").exists() for a in ARTICLES)
