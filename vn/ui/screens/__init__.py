"""One screen per file. Screens never import one another: they ask `app.nav` for a screen by name (see ../navigation.py)."""
