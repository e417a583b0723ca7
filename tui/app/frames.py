"""One key, one frame: Textual's defaults that made a key paint two or three frames.

Textual paints at most one frame per 1/60 s, so a key whose changes reach the screen in two
goes costs a frame's wait (16-35 ms on the wall clock) on top of the work. Two of Textual's
defaults did that to us:

- A scroll view's new `virtual_size` asks for a layout of the whole screen, and the layout
  resizes the scrollbars only as it runs, so they were painted again in a second frame. `d`,
  `w` and the filters change the grid's and the panel's heights, never where the widgets sit.
- Moving focus repaints the whole screen (the screen's `focused` is a repainting reactive),
  although only the two widgets that gain and lose focus look any different, and they repaint
  themselves. And it restyles both from the CSS, which repaints their scrollbars (Textual sets
  a scroll view's scrollbar colours on every restyle, changed or not) in a frame of their
  own: the grid and the panel draw their focused look from component classes of their own
  (`…-focused`) instead of `:focus` rules, and skip that restyle.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` a new scrollable size without a layout of the screen: its scrollbars are
    resized now, in the frame that shows the new content. A scrollbar that comes or goes
    still lays the screen out (Textual's `show_*_scrollbar` reactives ask for it)."""
    if size == view.virtual_size:
        return
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)  # what Textual's own resize does when it needs no layout
    view.refresh()


class MainScreen(Screen):
    """The main view's screen: focus moves repaint the widgets they touch, not the screen."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
