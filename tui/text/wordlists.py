"""Words that name nothing the outlets could disagree about.

The word diff ignores function words ("the shelling" vs "shelling"), the figure detector lets
them sit between a number and what it counts, and the denial matcher leaves them out of a
claim's key words. They are the aligner's stopwords (`tui.analysis.normalise.STOPWORDS`, one list
for both stages) plus the modals and longer prepositions news English uses ("may", "amid",
"throughout"), which the aligner can afford to keep and the detectors cannot.

Calendar words and the words around who speaks ("the defence ministry", "officials") are
capitalised in running text but name no place: `tui.analysis.corpus.Corpus.topic_keys` leaves
them out when it links passages by the names they mention.
"""

from __future__ import annotations

from tui.analysis.normalise import STOPWORDS


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, for readable word lists."""
    return frozenset(text.split())


FUNCTION_WORDS = STOPWORDS | word_set(
    """
    across along amid among another around even it's may might must near onto per shall since
    still throughout upon us via whose within without yet
    """
)
MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
ROLE_WORDS = word_set(
    "officials ministry spokesman spokeswoman spokesperson president government leader office "
    "authorities army military ombudsman minister presidency administration"
)
SPEAKER_WORDS = word_set("defence defense foreign interior state emergency emergencies press")
