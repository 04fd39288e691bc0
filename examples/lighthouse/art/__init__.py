"""Drawing code for The Last Lamp's pictures (make_pictures.py runs it)."""
