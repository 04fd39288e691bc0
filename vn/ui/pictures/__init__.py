"""A story's own pictures: loaded off the frame loop, converted once, kept within a memory budget."""
