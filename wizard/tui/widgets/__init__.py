"""The chat's widgets: bubbles, the answer area and the live preview."""
