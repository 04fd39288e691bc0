"""The title screen: the game's title over a living scene, and the main menu."""
from __future__ import annotations

import pygame

from ..widgets.sizing import COLUMN_GAP, button_size
from ..widgets.decor import draw_side_shade, paint_side_shade
from ..display import LOGICAL_SIZE
from ..pacing import ACTIVE, AMBIENT, STILL
from ..screen import Screen
from ..text_layout import render_tracked, soft_shadow, typographic, wrap_rows
from ..transitions import Transition

LEFT = 112
MENU_WIDTH = 320
MENU_BUTTON_HEIGHT = 50
TITLE_ROWS = 3           # a longer title ends in an ellipsis
MENU_LABELS = ("New game", "Continue", "Load", "Endings", "Settings", "Help", "Quit")
MARGIN = 36              # the least room kept above the title and below the menu
MENU_GAP = 48            # between the title and the menu
SMALLEST_TITLE = 28      # a title shrinks this far to leave the menu its room at large text sizes
ARRIVE_SECONDS = 0.6     # cross-fade from what was on screen before
SCENE_IN_SECONDS = 1.4   # cross-fade from the plain backdrop once the painted scene is ready


class TitleScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        manifest = app.program.manifest
        self.spoken_title = manifest.title
        self.scene_key = self._background(manifest)
        self.scene = None            # painted on the app's worker; a plain backdrop stands until then
        self.intro = Transition()
        self._plain = self._paint_plain_backdrop()
        self.menu = None
        self.newest = None          # the save Continue loads
        self._endings_badge: pygame.Surface | None = None
        self._paint_text()

    def _paint_text(self) -> None:
        """What the theme's fonts draw, laid out for the text scale: the title, the footer, the
        menu's size (restyle paints these again)."""
        self._footer = self.theme.font("screen.hint").render(
            "F1: help \u00b7 F11 or Alt+Enter: fullscreen", True, self.theme.colour("screen.hint"))
        badge_room = self.theme.font("title.badge").size("0/0")[0] + 50
        width, height = button_size(self.theme, "#menu_button", MENU_LABELS, MENU_WIDTH, MENU_BUTTON_HEIGHT)
        self.menu_size = (max(width, self.theme.gui_font("#menu_button").size("Endings")[0] + 44 + badge_room),
                          height)
        # a menu too tall for the screen beside the smallest title goes on in a second column
        room = LOGICAL_SIZE[1] - 2 * MARGIN - MENU_GAP - 2 * SMALLEST_TITLE
        columns = 1 if len(MENU_LABELS) * (height + 2) <= room else 2
        self.menu_rows = -(-len(MENU_LABELS) // columns)
        menu_right = LEFT - 22 + columns * self.menu_size[0] + (columns - 1) * COLUMN_GAP
        self._shade = paint_side_shade(self.theme, min(LOGICAL_SIZE[0], max(760, menu_right + 200)))
        self._title_rows = self._paint_title(self.app.program.manifest.title)

    def restyle(self) -> "TitleScreen":
        """Laid out again in place: the scene and its fade stay as they are."""
        self._paint_text()
        if self.menu is not None:
            self.menu = None
            self._build_menu()
        return self

    def focus_rect(self):
        return self.menu.focus_rect() if self.menu is not None else None

    def _build_menu(self) -> None:
        # pygame_gui is first needed here, so it is imported here: the title's first frame
        # goes out before pygame_gui has loaded, and the menu joins it on the next
        from ..widgets.button_column import ButtonColumn, Entry
        saves = self.app.saves
        self.newest = saves.newest() if saves is not None else None
        has_saves = saves is not None and bool(saves.slots())
        title_bottom = self._title_rows[-1][1][1] + self._title_rows[-1][0].get_height()
        self.menu = self.own(ButtonColumn(self.ui, [
            Entry("new", "New game"),
            Entry("continue", "Continue", enabled=self.newest is not None),
            Entry("load", "Load", enabled=has_saves),
            Entry("endings", "Endings"),
            Entry("settings", "Settings"),
            Entry("help", "Help"),
            Entry("quit", "Quit"),
        ], left=LEFT - 22, top=title_bottom + MENU_GAP, width=self.menu_size[0], height=self.menu_size[1], gap=2,
            object_id="#menu_button", per_column=self.menu_rows))
        self._endings_badge = self._paint_endings_badge()
        # the title's words are all painted now, and it writes none while it stands
        self.theme.release_fonts()

    def _paint_endings_badge(self) -> pygame.Surface:
        """The count beside the Endings button: a small pill, "1/3"."""
        count = self.endings_caption.split(" ", 1)[1]
        font = self.theme.font("title.badge")
        text = font.render(count, True, self.theme.colour("title.badge"))
        badge = pygame.Surface((text.get_width() + 22, text.get_height() + 6), pygame.SRCALPHA)
        pygame.draw.rect(badge, self.theme.colour("title.badge", "normal_border"), badge.get_rect(), 1,
                         border_radius=badge.get_height() // 2)
        badge.blit(text, (11, 3))
        return badge

    @property
    def endings_caption(self) -> str:
        from ..captions import endings_caption
        reached = self.app.persistent.endings if self.app.persistent is not None else []
        return endings_caption(self.app.program.manifest, reached)

    def _background(self, manifest) -> tuple[str, str | None] | None:
        """The theme's choice of title background when the game has it, else its first one
        (of whatever kind); None for a story without backgrounds (the plain backdrop stays)."""
        wanted = self.theme.misc("title.screen", "background", "")
        variant = self.theme.misc("title.screen", "variant", "") or None
        if wanted in manifest.backgrounds:
            if variant is not None and variant not in manifest.backgrounds[wanted].variants:
                variant = None
            return wanted, variant
        first = next(iter(manifest.backgrounds), None)
        return (first, None) if first is not None else None

    def _paint_title(self, title: str) -> list[tuple[pygame.Surface, tuple[int, int], pygame.Surface]]:
        """The title, wrapped to the left column, each row with a soft shadow; smaller when the
        menu's buttons (at a large text size) need the room."""
        tracking = self.theme.misc("title.heading", "tracking", 0)
        colour = self.theme.colour("title.heading")
        shadow_colour = self.theme.colour("title.heading", "text_shadow")
        title = typographic(title)
        if self.theme.misc("title.heading", "uppercase", False):
            title = title.upper()
        menu_height = self.menu_rows * (self.menu_size[1] + 2)
        room = LOGICAL_SIZE[1] - 2 * MARGIN - MENU_GAP - menu_height
        size = self.theme.font_size("title.heading")
        while True:
            font = self.theme.font("title.heading", size)
            rows = wrap_rows(font, title, 700, TITLE_ROWS)
            height = (len(rows) - 1) * round(font.get_linesize() * 0.95) + font.get_height()
            if height <= room or size <= SMALLEST_TITLE:
                break
            size -= 4
        natural = 178 - max(0, len(rows) - 1) * font.get_linesize() // 2
        y = max(MARGIN, min(natural, LOGICAL_SIZE[1] - MARGIN - menu_height - MENU_GAP - height))
        out = []
        for row in rows:
            text = render_tracked(font, row, colour, tracking)
            out.append((text, (LEFT, y), soft_shadow(text, shadow_colour, 12)))
            y += round(font.get_linesize() * 0.95)
        return out

    def _paint_plain_backdrop(self) -> pygame.Surface:
        backdrop = pygame.Surface(LOGICAL_SIZE).convert()
        top, bottom = self.theme.colour("title.screen", "top_bg"), self.theme.colour("title.screen", "bottom_bg")
        for y in range(LOGICAL_SIZE[1]):
            backdrop.fill(top.lerp(bottom, y / (LOGICAL_SIZE[1] - 1)), (0, y, LOGICAL_SIZE[0], 1))
        return backdrop

    @property
    def scene_ready(self) -> bool:
        return self.scene is not None

    def enter(self) -> None:
        # cross-fade in from whatever was on screen (black at start-up, an ending card after a story)
        self.intro.start("dissolve", ARRIVE_SECONDS, self.app.display.canvas, reduced_flashes=True)

    def uncover(self) -> None:
        super().uncover()
        if self.menu is not None:
            # saves may have been deleted, or an ending reached, while another screen was on top
            self.menu.kill()
            self._elements.remove(self.menu)
            self._build_menu()

    def _take_scene(self) -> None:
        try:
            scene = self.app.scenes.take(self.scene_key)
        except (KeyError, ValueError):
            self.scene_key = None    # no painting for this background: the plain backdrop stays
            return
        still = pygame.Surface(LOGICAL_SIZE).convert()
        self._draw_backdrop(still)
        self.scene = scene
        self._plain = None           # the scene stands for good now; the backdrop's 3.5 MB can go
        self.intro.start("dissolve", SCENE_IN_SECONDS, still, reduced_flashes=True)

    # -- the contract -------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if self.intro.active and (event.type == pygame.MOUSEBUTTONDOWN or event.type == pygame.KEYDOWN):
            self.intro.finish()
        picked = self.menu.process_event(event) if self.menu is not None else None
        if picked == "new":
            if self.app.program.manifest.content_note:
                self.app.nav.push("content_note")
            else:
                self.app.new_game()
        elif picked == "continue" and self.newest is not None:
            self.app.load_save(self.newest.slot, play_time=self.newest.play_time)
        elif picked == "load":
            self.app.nav.push("saves", "load")
        elif picked == "endings":
            self.app.nav.push("endings")
        elif picked == "settings":
            self.app.nav.push("settings")
        elif picked == "help":
            self.app.nav.push("help")
        elif picked == "quit":
            self.app.quit()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit()
        else:
            return False
        return True

    def pace(self) -> int:
        if self.intro.active or (self.scene is not None and self.scene.effects_running):
            return ACTIVE
        if self.scene is None:
            # the painter may finish any moment: look in often enough that the scene comes promptly
            return AMBIENT if self.scene_key is not None else STILL
        return AMBIENT if getattr(self.scene, "animated", True) else STILL

    def update(self, dt: float) -> None:
        if self.menu is None and self.app.frames >= 1:
            # painting starts once the first frame is out, so it does not compete with it
            if self.scene_key is not None:
                self.app.scenes.prepare(self.scene_key)
            self._build_menu()
        if self.scene is None and self.scene_key is not None and self.app.scenes.ready(self.scene_key):
            self._take_scene()
        if self.scene is not None:
            self.scene.update(dt)
        self.intro.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        self.intro.draw(surface, self._draw_backdrop)
        for text, pos, shadow in self._title_rows:
            pad = (shadow.get_width() - text.get_width()) // 2
            surface.blit(shadow, (pos[0] - pad, pos[1] - pad + 4))
            surface.blit(text, pos)
        last_text, (x, y), _ = self._title_rows[-1]
        rule_y = y + last_text.get_height() + 18
        pygame.draw.line(surface, self.theme.colour("title.heading", "accent"), (LEFT + 4, rule_y),
                         (LEFT + 96, rule_y), 2)
        if self.menu is not None and self._endings_badge is not None:
            button = self.menu.button("endings").relative_rect
            label_width = self.ui.get_theme().get_font(["#menu_button"]).size("Endings")[0]
            surface.blit(self._endings_badge, (button.x + 22 + label_width + 14,
                                               button.centery - self._endings_badge.get_height() // 2))
        at = (LOGICAL_SIZE[0] - self._footer.get_width() - 32, LOGICAL_SIZE[1] - self._footer.get_height() - 24)
        if self.menu is not None and any(self._footer.get_rect(topleft=at).colliderect(b.rect) for b in
                                         self.menu.buttons):
            return          # the largest text: the menu needs the corner (Settings says it too)
        if self.theme.high_contrast:     # no words straight on the scenery: a plate of their own
            pygame.draw.rect(surface, self.theme.colour("title.screen", "dark_bg"),
                             self._footer.get_rect(topleft=at).inflate(16, 8), border_radius=6)
        surface.blit(self._footer, at)

    def _draw_backdrop(self, surface: pygame.Surface) -> None:
        if self.scene is None:
            surface.blit(self._plain, (0, 0))
        else:
            self.scene.draw(surface)
        draw_side_shade(surface, self._shade)
