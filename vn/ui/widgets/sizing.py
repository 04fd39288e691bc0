"""Sizes of buttons measured from the theme's fonts, without loading pygame_gui (the title's first
frame goes out before pygame_gui has loaded)."""
from __future__ import annotations

COLUMN_GAP = 24     # between the columns of a long column of buttons split in two: room for the focus ring


def button_size(theme, object_id: str, labels, width: int, height: int, pad: tuple[int, int] = (44, 16)):
    """(width, height) of buttons that hold `labels` in the theme's font for `object_id`: at least
    the given size, larger when the text scale makes the words larger."""
    font = theme.gui_font(object_id)
    widest = max((font.size(label)[0] for label in labels), default=0)
    return max(width, widest + pad[0]), max(height, font.get_linesize() + pad[1])
