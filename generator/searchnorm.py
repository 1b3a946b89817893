"""Arabic normalisation of the built search index, matching assets/search-normalise.js.

Readers type names without diacritics and with plain alef; the pages keep them as written.
Normalising both the index and the query makes "محمد باقر قاليباف" find "قالیباف"-style
variants that differ only in marks, while the page itself is untouched.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]"
)
_ALEFS = re.compile("[\u0622\u0623\u0625\u0671]")


def normalise_arabic(text: str) -> str:
    return _ALEFS.sub("\u0627", _MARKS.sub("", unicodedata.normalize("NFC", text)))


def normalise_index(site_dir: Path) -> None:
    """Rewrite `search/search_index.json` (and the offline plugin's `.js` twin) in place."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = normalise_arabic(doc[key])
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    index_path.write_text(text, encoding="utf-8")
    js_path = site_dir / "search" / "search_index.js"
    if js_path.is_file():
        js_path.write_text(f"var __index = {text}", encoding="utf-8")
