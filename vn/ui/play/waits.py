"""What the game screen is waiting for. The play helpers (saving, controls, hot
reload) read the game screen's `waiting` too, so the names live here rather than in
the screen, which nothing but the navigation registry imports."""

READING, CHOOSING, TRANSITION, PAUSED, ENDING = "reading", "choosing", "transition", "paused", "ending"
ARRIVING = "arriving"       # a loaded story waits for its scene to be painted
