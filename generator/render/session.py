"""A render session: the pages of one language rendered one after another, sharing what can be
shared (the templates, the links and list lines in `environment.Memo`), each page with its own
`helpers.PageHelpers`.

With `record=True` (the live preview) the session also notes what each page reads of the data
(generator/render/deps.py): the page and its helpers see the data through recording views,
and each memo entry keeps what was read to make it, so that a page taking a line made for
another page reads what that line was made from.
"""

from __future__ import annotations

import re
from typing import Any, cast

import jinja2
from markupsafe import Markup

from generator.data.dataset import Dataset
from generator.model.pages import PlannedPage
from generator.model.resolve import Relations
from generator.pictures.page import PagePictures
from generator.render.deps import Read, RecordingDataset, RecordingRelations
from generator.render.environment import Memo, make_environment
from generator.render.helpers import PageHelpers

_BLANK_RUNS = re.compile(r"\n{3,}")


class _RecordingMemo(Memo):
    """A `Memo` whose entries carry what was read to make them."""

    def __init__(self, reads: list[set[Read]]) -> None:
        super().__init__()
        self._reads = reads  # the session's stack: what the page, or the entry made, reads
        self._made_from: dict[tuple[Any, ...], frozenset[Read]] = {}

    def found(self, key: tuple[Any, ...], default: None = None) -> Markup | None:  # type: ignore[override]
        made = self.get(key)
        if made is not None:
            self._reads[-1].update(self._made_from[key])
        return made

    def begin(self) -> None:
        self._reads.append(set())

    def keep(self, key: tuple[Any, ...], made: Markup) -> Markup:
        reads = self._reads.pop()
        self._made_from[key] = frozenset(reads)
        self._reads[-1].update(reads)
        self[key] = made
        return made


class RenderSession:
    """Renders the pages of one language; owns what they share (see the module's docstring)."""

    def __init__(
        self,
        dataset: Dataset,
        relations: Relations,
        lang: str,
        *,
        record: bool = False,
        env: jinja2.Environment | None = None,
    ) -> None:
        self.lang = lang
        self.record = record
        self._env = env if env is not None else make_environment()
        self._templates: dict[str, jinja2.Template] = {}
        self._reads: list[set[Read]] = [set()]
        self._interned: dict[Read, Read] = {}
        self.memo: Memo
        if record:
            self.dataset = cast(Dataset, RecordingDataset(dataset, self._note))
            self.relations = cast(Relations, RecordingRelations(relations, self._note))
            self.memo = _RecordingMemo(self._reads)
        else:
            self.dataset, self.relations, self.memo = dataset, relations, Memo()

    def _note(self, read: Read) -> None:
        # One tuple per read however many pages make it: thousands of pages read the same
        # names.
        self._reads[-1].add(self._interned.setdefault(read, read))

    def _template(self, name: str) -> jinja2.Template:
        # Looked up once each: get_template checks the file on disk every time it is called.
        found = self._templates.get(name)
        if found is None:
            found = self._templates[name] = self._env.get_template(name)
        return found

    def helpers(self, path: str) -> PageHelpers:
        return PageHelpers(path, self.lang, self.dataset, self.relations, memo=self.memo)

    def render(self, page: PlannedPage) -> tuple[str, frozenset[Read] | None]:
        """The page's Markdown, and (recording) what it read of the data."""
        del self._reads[1:]
        self._reads[0] = set()
        helpers = self.helpers(page.path)
        context = page.context(helpers)
        text = self._template(page.template).render(
            h=helpers,
            pictures=PagePictures(helpers),
            source_file=page.source_file or f"templates/{page.template}",
            **context,
        )
        reads = frozenset(self._reads[0]) if self.record else None
        # Templates leave blank runs where optional sections are absent; keep the files tidy.
        return _BLANK_RUNS.sub("\n\n", text).strip() + "\n", reads
