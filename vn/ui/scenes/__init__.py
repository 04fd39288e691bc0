"""Painted, animated backgrounds.

`registry.py` builds a scene by name (`make_scene`) and frees what dropped
scenes leave behind (`clear_caches`); `base.py` holds the interface the window
uses (update / draw / trigger / show_figure ...). The package imports nothing
itself, so its modules can import one another (`from . import paint`) without
going round a circle through it.
"""
