"""The game screen laid out again in place when the text size, font, spacing or contrast
changes (app.restyle): the story, the scene and the sound go on as they were; the dialogue
box and the choices are made again with the theme's new fonts and show what they showed."""
from __future__ import annotations

from ..widgets.choice_menu import ChoiceMenu
from ..widgets.dialogue_box import DialogueBox


def lay_out_again(game) -> None:
    old = game.dialogue
    box = DialogueBox(game.theme, game.settings)
    box.plate_colours = old.plate_colours
    box.show_marker = old.show_marker
    if old.line is not None:
        box.show_line(old.line)
        if old.complete:
            box.complete_now()
        if not old._shown:
            box.hide()
    box.opacity = old.opacity
    game.dialogue = box
    options, page = game.choices.options, game.choices.page
    game.choices.hide()
    game.choices = ChoiceMenu(game.ui, game.theme)
    if options:
        game.choices.show(options)
        game.choices.show_page(page)
        game.choices.set_visible(not game.ui_hidden)
