"""The README says what the code does: its commands and options exist, its two commands lead."""

import re
from pathlib import Path

import click
import pytest

from graph.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
# Every "alliances <command> ..." line of the README's examples and usage lines.
USES = re.findall(r"alliances ([a-z]+)((?:[^\n|`]*))", README)


def test_the_readme_opens_with_the_two_commands():
    opening = README[:1200]
    assert "make demo" in opening and "make test" in opening


def test_every_command_is_in_the_readme():
    mentioned = {command for command, _ in USES}
    assert set(cli.commands) <= mentioned


@pytest.mark.parametrize(
    ("command", "rest"), USES, ids=[f"{c}{i}" for i, (c, _) in enumerate(USES)]
)
def test_each_command_and_option_the_readme_shows_exists(command, rest):
    assert command in cli.commands, f"the README shows 'alliances {command}', which does not exist"
    options = {
        name for p in cli.commands[command].params if isinstance(p, click.Option) for name in p.opts
    }
    shown = set(re.findall(r"(?<![\w-])(--?[a-z][a-z0-9-]*)", rest)) - {"-"}
    assert shown <= options | {"-h", "--help"}, shown - options
