"""Loading the spaCy pipeline, with the guards the service needs around it."""

from __future__ import annotations

import re
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# spaCy's tokenizer peels affixes off a whitespace-free string one at a time, which is
# quadratic in its length (20,000 quote marks in a row take about a minute), and a run of
# punctuation becomes one token per character, which the tagger, parser and NER then pay
# for.  So a run longer than this many characters becomes one token per piece of this
# size; real words and URLs are far shorter.
MAX_RUN_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, linear on any input; ``doc.text`` is always the input text."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for run in _LONG_RUN.finditer(text):
            self._tokenize_into(text[position : run.start()], words, spaces)
            starts = range(run.start(), run.end(), MAX_RUN_CHARS)
            words.extend(text[start : min(start + MAX_RUN_CHARS, run.end())] for start in starts)
            spaces.extend(False for _ in starts)
            position = run.end()
            # spaCy keeps one plain space after a token as that token's whitespace.
            if text.startswith(" ", position):
                spaces[-1] = True
                position += 1
        self._tokenize_into(text[position:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _tokenize_into(self, piece: str, words: list[str], spaces: list[bool]) -> None:
        for token in self.tokenizer(piece):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


def load_pipeline(model_name: str) -> Language:
    nlp = spacy.load(model_name)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp
