"""The editors' pipeline: drafts for new seeds, unreviewed publishing, check --strict, CI summary."""

from __future__ import annotations

import yaml

from tests.helpers import S003, forget_sources, run_cli

SEED_003 = "seeds/003_511358f27ee65db5.txt"
NEW_SEED = ("Kyrgyzstan closes Russia House\n\nAuthorities in Kyrgyzstan closed the Russia House in Osh. "
            "Kyrgyzstan said the centre broke the law.\n")


def drop_in_a_new_seed(root) -> None:
    (root / "seeds/005_brand_new.txt").write_text(NEW_SEED, encoding="utf-8")


def test_new_writes_a_valid_draft_with_detected_metadata_and_evidence(project_copy):
    (project_copy / S003).unlink()
    forget_sources(project_copy, "003_511358f27ee65db5")
    result = run_cli("new", SEED_003, "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    text = (project_copy / S003).read_text(encoding="utf-8")
    draft = yaml.safe_load(text)
    assert draft["review"] == "draft"
    assert draft["title"] == "Wary of Ukraine, Central Asia slowly distancing from Russia"
    assert draft["publisher"] == "Asia Times" and draft["author"] == "Anastassiya Mahon"
    assert {"kazakhstan", "russia", "central-asia"} <= set(draft["countries"])
    assert "labour-migration" in draft["themes"] and "security-csto" in draft["themes"]
    assert "#   kept: kazakhstan: 10× in ¶2, ¶7, ¶10, ¶11, ¶14, ¶16 (Kazakh, Kazakhstan, Tokayev)" in text
    assert "#   left out: georgia: 1× in ¶8 (Georgia)" in text
    assert draft["guessed"] == ["title", "publisher", "author", "countries", "themes"]
    assert "summary" not in draft and "quality" not in draft, "no placeholder a reader could take for the editors' words"
    # Candidate events are comments: an editor moves the real ones under events:, in their own words.
    assert draft["events"] == []
    candidates = yaml.safe_load("\n".join(line.removeprefix("#") for line in text.splitlines()
                                          if line.startswith(("#   - ", "#     "))))
    seed_text = (project_copy / SEED_003).read_text(encoding="utf-8")
    assert candidates and all(event["quote"] in seed_text for event in candidates)
    assert {"date": "2024-03", "countries": ["russia", "central-asia"]}.items() <= candidates[0].items()
    assert "Candidate figures" in text and "49 % in Kyrgyzstan" in text
    check = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert check.returncode == 0, check.stderr  # a draft is valid; it is only a warning
    review_line = text.splitlines().index("review: draft") + 1
    assert f"{S003}:{review_line}:9: warning: this source is a draft" in check.stderr


def test_a_new_draft_publishes_honestly_until_an_editor_writes_it(project_copy):
    (project_copy / S003).unlink()
    forget_sources(project_copy, "003_511358f27ee65db5")
    assert run_cli("new", SEED_003, "--root", str(project_copy), cwd=project_copy).returncode == 0
    result = run_cli("build", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    page = (project_copy / "site/sources/003_511358f27ee65db5/index.html").read_text(encoding="utf-8")
    assert "Not yet summarised by an editor." in page and "Unreviewed" in page
    assert "DRAFT" not in page and "your own words" not in page
    assert "Clean text" not in page and "Not assessed" in page
    assert "Asia Times (detected automatically)" in page
    assert ("the title, publisher, author, countries and themes of this source were detected automatically"
            in page)
    description = page[page.index('<meta name="description"'):][:300]
    assert "DRAFT" not in description and "How the Central Asian states" in description  # the site's own


def test_a_reviewed_source_may_not_keep_guessed_values(project_copy):
    (project_copy / S003).unlink()
    forget_sources(project_copy, "003_511358f27ee65db5")
    assert run_cli("new", SEED_003, "--root", str(project_copy), cwd=project_copy).returncode == 0
    draft = (project_copy / S003).read_text(encoding="utf-8")
    lines = ["quality: clean" if line.startswith("# quality:") else
             'summary: "An editor summary."' if line.startswith("# summary:") else line
             for line in draft.replace("review: draft", "review: reviewed").splitlines()]
    reviewed = "\n".join(lines) + "\n"
    (project_copy / S003).write_text(reviewed, encoding="utf-8")
    check = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert check.returncode == 1
    guessed_line = next(n for n, line in enumerate(lines, start=1) if line.startswith("guessed:"))
    assert f"{S003}:{guessed_line}:10: error: a reviewed source still has guessed values: title, publisher" in check.stderr
    assert "remove guessed:" in check.stderr


def test_new_never_overwrites_and_says_so(project_copy):
    before = (project_copy / S003).read_bytes()
    result = run_cli("new", SEED_003, "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1
    assert f"{S003} already exists" in result.stderr
    assert (project_copy / S003).read_bytes() == before


def test_new_refuses_a_file_outside_seeds(project_copy):
    result = run_cli("new", "content/taxonomy.yml", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 2
    assert "is not a file in seeds/" in result.stderr


def test_check_strict_lists_unreviewed_seeds_and_drafts(project_copy):
    (project_copy / S003).unlink()
    forget_sources(project_copy, "003_511358f27ee65db5")
    drop_in_a_new_seed(project_copy)
    plain = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert plain.returncode == 0
    strict = run_cli("check", "--strict", "--root", str(project_copy), cwd=project_copy)
    assert strict.returncode == 1
    assert "seeds/003_511358f27ee65db5.txt:1:1: error: this seed has no metadata" in strict.stderr
    assert "seeds/005_brand_new.txt:1:1: error: this seed has no metadata" in strict.stderr
    assert "python -m generator new seeds/005_brand_new.txt" in strict.stderr


def test_summary_lists_new_and_unreviewed_seeds(project_copy):
    drop_in_a_new_seed(project_copy)
    result = run_cli("summary", "seeds/005_brand_new.txt", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "### New seeds (1)" in result.stdout
    assert "- `005_brand_new.txt`: Kyrgyzstan closes Russia House (automatic; countries: kyrgyzstan" in result.stdout
    assert "### Unreviewed sources (1)" in result.stdout


def test_a_dropped_in_seed_is_published_on_the_built_site_marked_unreviewed(project_copy):
    drop_in_a_new_seed(project_copy)
    result = run_cli("build", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    page = (project_copy / "site/sources/005_brand_new/index.html").read_text(encoding="utf-8")
    assert "Unreviewed" in page and "detected automatically" in page
    assert 'href="../../countries/kyrgyzstan/"' in page
    index = (project_copy / "site/sources/index.html").read_text(encoding="utf-8")
    row = index[index.index("005_brand_new"):][:600]
    assert "Unreviewed" in row
