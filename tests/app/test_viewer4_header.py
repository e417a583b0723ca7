"""The header's renderings are made when drawn, not each time the header is replaced."""

from __future__ import annotations

from rich.text import Text

from tui.app.status import Fitted, Renderings


def test_only_the_renderings_tried_are_made() -> None:
    made: list[int] = []
    texts = ("title\nthe widest second line", "title\nnarrower", "title\nn")

    def make(level: int) -> Text:
        made.append(level)
        return Text(texts[level], end="")

    fitted = Fitted(Renderings(len(texts), make))
    assert made == []  # replacing the header costs nothing until it is drawn
    assert fitted.fitting(80).plain == texts[0]
    assert made == [0]
    assert fitted.fitting(10).plain == texts[1]
    assert fitted.fitting(80).plain == texts[0]
    assert made == [0, 1]  # each made once, however often drawn
    assert fitted.fitting(1).plain == texts[2]  # nothing fits: the narrowest
    assert made == [0, 1, 2]


def test_renderings_read_as_a_sequence() -> None:
    renderings = Renderings(3, lambda level: Text(str(level), end=""))
    assert len(renderings) == 3
    assert [t.plain for t in renderings] == ["0", "1", "2"]
    assert renderings[-1].plain == "2"
    assert [t.plain for t in renderings[1:]] == ["1", "2"]
